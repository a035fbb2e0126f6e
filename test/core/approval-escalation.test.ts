import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/core/approvals/decide.ts';
import { escalateWaitingApprovals } from '../../src/core/approvals/escalate.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { actor, EXTRA, withPeople } from '../support/approval-org.ts';
import { backends } from '../support/test-database.ts';

const expense = (yuan: number, subject = '展会'): SubmitApprovalCommand => ({ kind: 'expense', subject, amountFen: yuan * 100, event: null, product: null, onDate: null });
const THURSDAY = '2026-11-26T10:00:00+08:00';
const NEXT_TUESDAY = new Date('2026-12-01T10:00:00+08:00'); // the third working day after Thursday

describe.each(backends)('escalating a waiting step (EXP-1, PROMO-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    f.clock.set(THURSDAY);
    await withPeople(f, []);
    // Each case starts from no open requests, so an escalation run touches only its own.
    await f.database.db.updateTable('approval_requests').set({ status: 'withdrawn' }).where('status', '=', 'pending').execute();
  });

  const steps = async (id: number) =>
    (await f.database.db.selectFrom('approval_steps').select(['seq', 'role', 'approver_id', 'status', 'decided_by']).where('request_id', '=', id).orderBy('seq').execute()).map(
      (s) => `${s.seq}:${s.role}:${s.approver_id}:${s.status}${s.decided_by ? `:${s.decided_by}` : ''}`,
    );
  const noticesTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice as Record<string, unknown>);
  const approve = (who: string, requestId: number) => decideApproval(f.deps, f.as(who), { requestId, decision: 'approve', reason: null });

  /** An 80,000 expense that the regional and department managers approved on Thursday: finance's step waits. */
  async function waitingOnFinance(): Promise<number> {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(80_000, '车展展位'));
    if (!r.ok) throw new Error(r.code);
    expect((await approve('lisi', r.value.request.id)).ok).toBe(true);
    expect((await approve('wangwu', r.value.request.id)).ok).toBe(true);
    return r.value.request.id;
  }

  it('keeps a waiting finance step with finance when nobody else is in finance, and tells the department manager instead', async () => {
    const id = await waitingOnFinance();
    expect(await escalateWaitingApprovals(f.deps, NEXT_TUESDAY)).toBe(1);
    expect(await steps(id)).toEqual(['1:regional_manager:lisi:approved:lisi', '2:department_manager:wangwu:approved:wangwu', '3:finance:qianhui:pending']);
    const toWangwu = await noticesTo('wangwu');
    expect(toWangwu.filter((n) => n.kind === 'approval_requested' && n.requestId === id)).toHaveLength(1);
    expect(toWangwu.filter((n) => n.kind === 'approval_stuck' && n.requestId === id)).toEqual([expect.objectContaining({ role: 'finance', from: '钱慧', days: 2 })]);
    expect((await approve('wangwu', id)).ok).toBe(false);
    // The next run tells nobody again.
    expect(await escalateWaitingApprovals(f.deps, new Date(NEXT_TUESDAY.getTime() + 3_600_000))).toBe(0);
  });

  it("tells the top approver, not the requester, when the department manager's own finance step has nobody else to go to", async () => {
    f.deps.policy = { ...DEFAULT_POLICY, expenses: { ...DEFAULT_POLICY.expenses, topApprover: 'zongjingli' } };
    try {
      await withPeople(f, [EXTRA.ceo]);
      const r = await submitApproval(f.deps, f.as('wangwu'), expense(80_000, '部门年会'));
      if (!r.ok) throw new Error(r.code);
      expect((await decideApproval(f.deps, actor(EXTRA.ceo), { requestId: r.value.request.id, decision: 'approve', reason: null })).ok).toBe(true);
      expect(await escalateWaitingApprovals(f.deps, NEXT_TUESDAY)).toBe(1);
      expect((await steps(r.value.request.id)).at(-1)).toBe('2:finance:qianhui:pending');
      expect((await noticesTo('zongjingli')).filter((n) => n.kind === 'approval_stuck')).toEqual([expect.objectContaining({ requestId: r.value.request.id, role: 'finance' })]);
      expect((await noticesTo('wangwu')).filter((n) => n.kind === 'approval_stuck' && n.requestId === r.value.request.id)).toEqual([]);
    } finally {
      f.deps.policy = DEFAULT_POLICY;
    }
  });

  it('moves a waiting finance step only to another person in finance', async () => {
    await withPeople(f, [EXTRA.finance2]);
    const id = await waitingOnFinance();
    expect(await escalateWaitingApprovals(f.deps, NEXT_TUESDAY)).toBe(1);
    expect((await steps(id)).at(-1)).toBe('3:finance:sunli:pending');
    const done = await decideApproval(f.deps, actor(EXTRA.finance2), { requestId: id, decision: 'approve', reason: null });
    expect(done.ok && done.value.request.status).toBe('approved');
  });

  it("moves a waiting marketing review only to another reviewer, never up to the reviewer's manager (PROMO-1)", async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), { kind: 'promotion', subject: '试用季', amountFen: null, event: null, product: null, onDate: null });
    if (!r.ok) throw new Error(r.code);
    await escalateWaitingApprovals(f.deps, NEXT_TUESDAY);
    expect(await steps(r.value.request.id)).toEqual(['1:marketing_reviewer:heyan:pending']);
    await withPeople(f, [EXTRA.reviewer2]);
    await escalateWaitingApprovals(f.deps, new Date(NEXT_TUESDAY.getTime() + 3_600_000));
    expect(await steps(r.value.request.id)).toEqual(['1:marketing_reviewer:shenhe2:pending']);
  });

  it('hands a waiting regional step to the department manager by moving on to his own step: he signs once, not twice', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(20_000, '客户答谢'));
    if (!r.ok) throw new Error(r.code);
    expect(await escalateWaitingApprovals(f.deps, NEXT_TUESDAY)).toBe(1);
    expect(await steps(r.value.request.id)).toEqual(['1:regional_manager:lisi:cancelled', '2:department_manager:wangwu:pending']);
    const done = await approve('wangwu', r.value.request.id);
    expect(done.ok && done.value.request.status).toBe('approved');
    const decisions = await f.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'approval.approve').where('subject_id', '=', String(r.value.request.id)).execute();
    expect(decisions.map((d) => d.actor_id)).toEqual(['wangwu']);
    expect((await noticesTo('zhangsan')).at(-1)).toMatchObject({ kind: 'approval_decided', outcome: 'approved' });
  });

  it('does not escalate a request made Monday 10:00 at Thursday 00:00, nor on a Saturday, but in working hours on Thursday', async () => {
    f.clock.set('2026-11-30T10:00:00+08:00'); // Monday
    const r = await submitApproval(f.deps, f.as('zhaoliu'), expense(700, '茶歇'));
    if (!r.ok) throw new Error(r.code);
    const job = JOBS['approvals-escalate']!;
    await f.database.db.deleteFrom('outbox').execute();
    expect(await job.run(f.deps, new Date('2026-12-03T00:00:00+08:00'))).toEqual({ queued: 0, skipped: 'quiet_hours' });
    expect(await job.run(f.deps, new Date('2026-12-05T10:00:00+08:00'))).toEqual({ queued: 0, skipped: 'not_working_day' });
    expect(await f.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
    expect(await steps(r.value.request.id)).toEqual(['1:regional_manager:lisi:pending']);
    expect(await job.run(f.deps, new Date('2026-12-02T10:00:00+08:00'))).toEqual({ queued: 0, skipped: null }); // Wednesday: two working days, not more
    expect(await job.run(f.deps, new Date('2026-12-03T08:00:00+08:00'))).toEqual({ queued: 1, skipped: null });
    expect(await steps(r.value.request.id)).toEqual(['1:regional_manager:wangwu:pending']);
  });
});
