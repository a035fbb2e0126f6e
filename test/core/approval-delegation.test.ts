import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideApproval, listApprovals } from '../../src/core/approvals/decide.ts';
import { returnEndedDelegations, setDelegate } from '../../src/core/approvals/delegate.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { approvalsWaitingJob } from '../../src/core/reminders/other-reminders.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { actor, EXTRA, withPeople } from '../support/approval-org.ts';
import { backends } from '../support/test-database.ts';

const expense = (yuan: number, subject: string): SubmitApprovalCommand => ({ kind: 'expense', subject, amountFen: yuan * 100, event: null, product: null, onDate: null });
const THURSDAY = '2026-11-26T10:00:00+08:00';

describe.each(backends)('delegating approvals while away (EXP-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    f.clock.set(THURSDAY);
    await withPeople(f, []);
    await f.database.db.deleteFrom('delegations').execute();
    await f.database.db.updateTable('approval_requests').set({ status: 'withdrawn' }).where('status', '=', 'pending').execute();
  });

  const submit = async (who: string, yuan: number, subject: string) => {
    const r = await submitApproval(f.deps, f.as(who), expense(yuan, subject));
    if (!r.ok) throw new Error(r.code);
    return r.value.request.id;
  };
  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').select(['notice', 'update_of']).where('person_id', '=', personId).orderBy('id').execute()).map((r): Record<string, unknown> => ({ ...(r.notice as Record<string, unknown>), update: r.update_of !== null }));
  const waitingIds = async (who: string) => {
    const list = await listApprovals(f.deps, f.as(who));
    return list.ok ? list.value.waitingOnMe.map((r) => r.id) : [];
  };

  it('sends a request already waiting on me to my delegate at once: a card, the /approvals list, the digest, and a decision', async () => {
    const id = await submit('zhangsan', 3_000, '样品');
    const set = await setDelegate(f.deps, f.as('lisi'), { delegateId: 'zhouba', until: '2026-11-30' });
    expect(set.ok && set.value.waiting).toBe(1);
    expect((await outboxTo('zhouba')).filter((n) => n.kind === 'approval_requested' && n.requestId === id)).toHaveLength(1);
    expect(await waitingIds('zhouba')).toEqual([id]);
    await approvalsWaitingJob(f.deps, new Date('2026-11-27T10:00:00+08:00'));
    const digest = (await outboxTo('zhouba')).find((n) => n.kind === 'approvals_waiting') as { items: { id: number }[] } | undefined;
    expect(digest?.items.map((i) => i.id)).toEqual([id]);
    const decided = await decideApproval(f.deps, f.as('zhouba'), { requestId: id, decision: 'approve', reason: null });
    expect(decided.ok && decided.value.request.steps[0]).toMatchObject({ approverId: 'lisi', status: 'approved', decidedBy: 'zhouba' });
  });

  it("gives it back when the delegation ends: the delegate's card loses its buttons and their click changes nothing", async () => {
    const id = await submit('zhangsan', 2_000, '快递');
    expect((await setDelegate(f.deps, f.as('lisi'), { delegateId: 'zhouba', until: '2026-11-27' })).ok).toBe(true);
    f.clock.set('2026-11-30T10:00:00+08:00');
    expect(await returnEndedDelegations(f.deps)).toBe(1);
    expect((await outboxTo('zhouba')).filter((n) => n.requestId === id).map((n) => [n.kind, n.update, n.outcome])).toEqual([
      ['approval_requested', false, undefined],
      ['approval_card_closed', true, 'returned'],
    ]);
    expect(await returnEndedDelegations(f.deps)).toBe(0);
    expect(await waitingIds('zhouba')).toEqual([]);
    const late = await decideApproval(f.deps, f.as('zhouba'), { requestId: id, decision: 'approve', reason: null });
    expect(late.ok ? null : late.code).toBe('not_your_step');
    expect((await decideApproval(f.deps, f.as('lisi'), { requestId: id, decision: 'approve', reason: null })).ok).toBe(true);
  });

  it('refuses a delegate who could not hold my steps: a salesperson for a manager, a manager for finance; a salesperson has nothing to delegate', async () => {
    expect(await setDelegate(f.deps, f.as('lisi'), { delegateId: 'zhangsan', until: '2026-11-30' })).toEqual({ ok: false, code: 'delegate_cannot_approve', details: { name: '张三', role: 'sales' } });
    expect(await setDelegate(f.deps, f.as('qianhui'), { delegateId: 'lisi', until: '2026-11-30' })).toEqual({ ok: false, code: 'delegate_cannot_approve', details: { name: '李四', role: 'regional_manager' } });
    expect(await setDelegate(f.deps, f.as('zhangsan'), { delegateId: 'lisi', until: '2026-11-30' })).toEqual({ ok: false, code: 'not_allowed', details: { role: 'sales' } });
    expect(await f.database.db.selectFrom('delegations').select('id').execute()).toHaveLength(0);
    await withPeople(f, [EXTRA.finance2]);
    expect((await setDelegate(f.deps, f.as('qianhui'), { delegateId: 'sunli', until: '2026-11-30' })).ok).toBe(true);
  });

  it('never lets a delegate decide their own request, nor a step of a request they hold another step of', async () => {
    const own = await submit('lisi', 5_000, '区域会议'); // waits on wangwu
    expect((await setDelegate(f.deps, f.as('wangwu'), { delegateId: 'lisi', until: '2026-11-30' })).ok).toBe(true);
    expect(await waitingIds('lisi')).not.toContain(own);
    expect((await outboxTo('lisi')).filter((n) => n.kind === 'approval_requested' && n.requestId === own)).toHaveLength(0);
    const mine = await decideApproval(f.deps, f.as('lisi'), { requestId: own, decision: 'approve', reason: null });
    expect(mine.ok ? null : mine.code).toBe('not_your_step');
    // Nor through the reject form, another route to the same decision.
    expect(JSON.stringify((await f.bot.submitForm(f.as('lisi'), 'reject', { id: String(own), reason: '自己驳回' })).blocks)).toContain('你不能操作');

    const twoSteps = await submit('zhangsan', 20_000, '客户答谢'); // lisi, then wangwu
    expect((await setDelegate(f.deps, f.as('lisi'), { delegateId: 'wangwu', until: '2026-11-30' })).ok).toBe(true);
    expect(await waitingIds('wangwu')).not.toContain(twoSteps);
    const twice = await decideApproval(f.deps, f.as('wangwu'), { requestId: twoSteps, decision: 'approve', reason: null });
    expect(twice.ok ? null : twice.code).toBe('not_your_step');
  });

  it("lets finance's delegate in finance decide a finance step", async () => {
    await withPeople(f, [EXTRA.finance2]);
    const id = await submit('zhangsan', 60_000, '展台搭建');
    for (const who of ['lisi', 'wangwu']) expect((await decideApproval(f.deps, f.as(who), { requestId: id, decision: 'approve', reason: null })).ok).toBe(true);
    expect((await setDelegate(f.deps, f.as('qianhui'), { delegateId: 'sunli', until: '2026-11-30' })).ok).toBe(true);
    const done = await decideApproval(f.deps, actor(EXTRA.finance2), { requestId: id, decision: 'approve', reason: null });
    expect(done.ok && done.value.request.status).toBe('approved');
  });
});
