import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/core/approvals/decide.ts';
import { setDelegate } from '../../src/core/approvals/delegate.ts';
import { escalateWaitingApprovals } from '../../src/core/approvals/escalate.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const expense = (yuan: number, subject: string, event: string | null = null): SubmitApprovalCommand => ({ kind: 'expense', subject, amountFen: yuan * 100, event, product: null, onDate: null });
const NEXT_TUESDAY = new Date('2026-12-01T10:00:00+08:00');

/** Races need a second connection: PGlite has one, so these run on the real PostgreSQL only. */
describe.each(backends)('approvals racing (EXP-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    f.clock.set('2026-11-26T10:00:00+08:00');
    await f.database.db.deleteFrom('delegations').execute();
    await f.database.db.updateTable('approval_requests').set({ status: 'withdrawn' }).where('status', '=', 'pending').execute();
  });

  const audit = async (id: number) =>
    (await f.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'approval').where('subject_id', '=', String(id)).orderBy('id').execute())
      .filter((a) => a.action !== 'approval.submit')
      .map((a) => `${a.action}:${a.actor_id}`);
  const submit = async (who: string, yuan: number, subject: string) => {
    const r = await submitApproval(f.deps, f.as(who), expense(yuan, subject));
    if (!r.ok) throw new Error(r.code);
    return r.value.request.id;
  };

  it.runIf(backend.name === 'postgres')('gives one outcome when the approver clicks while the step escalates to their manager', async () => {
    const id = await submit('zhaoliu', 800, '茶歇');
    f.clock.set(NEXT_TUESDAY.toISOString());
    const [decided] = await Promise.all([decideApproval(f.deps, f.as('lisi'), { requestId: id, decision: 'approve', reason: null }), escalateWaitingApprovals(f.deps, NEXT_TUESDAY)]);
    const happened = await audit(id);
    expect(happened).toHaveLength(1);
    expect(happened[0]).toBe(decided.ok ? 'approval.approve:lisi' : 'approval.escalate:system');
  });

  it.runIf(backend.name === 'postgres')('escalates a step once when two escalation runs meet', async () => {
    const id = await submit('zhaoliu', 900, '停车');
    const runs = await Promise.all([escalateWaitingApprovals(f.deps, NEXT_TUESDAY), escalateWaitingApprovals(f.deps, NEXT_TUESDAY), escalateWaitingApprovals(f.deps, NEXT_TUESDAY)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await audit(id)).toEqual(['approval.escalate:system']);
    const step = await f.database.db.selectFrom('approval_steps').select(['approver_id', 'status']).where('request_id', '=', id).executeTakeFirstOrThrow();
    expect(step).toEqual({ approver_id: 'wangwu', status: 'pending' });
  });

  it.runIf(backend.name === 'postgres')('gives one decision when the delegate approves and the approver rejects at once', async () => {
    const id = await submit('zhangsan', 3_000, '样品');
    expect((await setDelegate(f.deps, f.as('lisi'), { delegateId: 'zhouba', until: '2026-11-30' })).ok).toBe(true);
    const results = await Promise.all([
      decideApproval(f.deps, f.as('zhouba'), { requestId: id, decision: 'approve', reason: null }),
      decideApproval(f.deps, f.as('lisi'), { requestId: id, decision: 'reject', reason: '重复' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['already_decided']);
    expect(await audit(id)).toHaveLength(1);
  });

  it.runIf(backend.name === 'postgres')('judges two halves of one event filed at the same moment on their total: the second needs the department manager', async () => {
    const [a, b] = await Promise.all([
      submitApproval(f.deps, f.as('zhangsan'), expense(9_000, '展位一', '华南展会')),
      submitApproval(f.deps, f.as('zhaoliu'), expense(9_000, '展位二', '华南 展会')),
    ]);
    if (!a.ok || !b.ok) throw new Error('not submitted');
    expect([a.value.request.eventTotalFen!, b.value.request.eventTotalFen!].sort((x, y) => x - y)).toEqual([9_000_00, 18_000_00]);
    expect([a.value.request.steps.length, b.value.request.steps.length].sort((x, y) => x - y)).toEqual([1, 2]);
  });
});
