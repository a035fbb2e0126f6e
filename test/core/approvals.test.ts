import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainRoles } from '../../src/core/approvals/chain.ts';
import { decideApproval, listApprovals, withdrawApproval } from '../../src/core/approvals/decide.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { setDelegate } from '../../src/core/approvals/delegate.ts';
import { escalateWaitingApprovals } from '../../src/core/approvals/escalate.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

const expense = (yuan: number, subject = '展会'): SubmitApprovalCommand => ({
  kind: 'expense', subject, amountFen: yuan * 100, event: null, product: null, onDate: null,
});

describe('the approval chain by amount (EXP-1)', () => {
  it.each([
    [5_000, ['regional_manager']],
    [10_000, ['regional_manager']],
    [10_001, ['regional_manager', 'department_manager']],
    [50_000, ['regional_manager', 'department_manager']],
    [50_001, ['regional_manager', 'department_manager', 'finance']],
  ])('asks for %i yuan: %j', (yuan, roles) => {
    expect(chainRoles(DEFAULT_POLICY, 'expense', yuan * 100)).toEqual(roles);
  });

  it('sends a promotion to the marketing reviewer (PROMO-1)', () => {
    expect(chainRoles(DEFAULT_POLICY, 'promotion', null)).toEqual(['marketing_reviewer']);
  });
});

describe.each(backends)('approvals on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').selectAll().where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice);

  it('walks 80,000 through the regional manager, the department manager and finance, telling the requester at each step', async () => {
    const submitted = await submitApproval(f.deps, f.as('zhangsan'), { ...expense(80_000, '上海车展展位'), event: '2026上海车展' });
    if (!submitted.ok) throw new Error(submitted.code);
    const id = submitted.value.request.id;
    expect(submitted.value.request.steps.map((s) => s.approverId)).toEqual(['lisi', 'wangwu', 'qianhui']);
    expect(submitted.value.request.overBenchmark).toBe(true);
    expect(await outboxTo('lisi')).toEqual([expect.objectContaining({ kind: 'approval_requested', requestId: id, amountFen: 8_000_000 })]);

    expect((await decideApproval(f.deps, f.as('lisi'), { requestId: id, decision: 'approve', reason: null })).ok).toBe(true);
    expect((await decideApproval(f.deps, f.as('wangwu'), { requestId: id, decision: 'approve', reason: null })).ok).toBe(true);
    const last = await decideApproval(f.deps, f.as('qianhui'), { requestId: id, decision: 'approve', reason: null });
    expect(last.ok && last.value.request.status).toBe('approved');
    expect((await outboxTo('zhangsan')).map((n) => n.kind)).toEqual(['approval_progress', 'approval_progress', 'approval_decided']);
    const audit = await f.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'platform']).where('subject_type', '=', 'approval').where('subject_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.actor_id}`)).toEqual(['approval.submit:zhangsan', 'approval.approve:lisi', 'approval.approve:wangwu', 'approval.approve:qianhui']);
  });

  it("sends a manager's own request to their own manager: nobody approves themselves", async () => {
    const r = await submitApproval(f.deps, f.as('lisi'), expense(5_000));
    expect(r.ok && r.value.request.steps.map((s) => s.approverId)).toEqual(['wangwu']);
  });

  it('refuses a click from anyone but the current approver, naming who decides', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(3_000));
    if (!r.ok) throw new Error(r.code);
    const stranger = await decideApproval(f.deps, f.as('zhaoliu'), { requestId: r.value.request.id, decision: 'approve', reason: null });
    expect(stranger).toEqual({ ok: false, code: 'not_your_step', details: { id: r.value.request.id, approver: '李四' } });
    const requester = await decideApproval(f.deps, f.as('zhangsan'), { requestId: r.value.request.id, decision: 'approve', reason: null });
    expect(requester.ok ? null : requester.code).toBe('not_your_step');
  });

  it('wants a reason to reject, and tells the requester the reason', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(2_000, '礼品'));
    if (!r.ok) throw new Error(r.code);
    const noReason = await decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'reject', reason: null });
    expect(noReason.ok ? null : noReason.code).toBe('reason_required');
    const rejected = await decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'reject', reason: '不在预算内' });
    expect(rejected.ok && rejected.value.request).toMatchObject({ status: 'rejected', reason: '不在预算内' });
    expect((await outboxTo('zhangsan')).at(-1)).toMatchObject({ kind: 'approval_decided', outcome: 'rejected', reason: '不在预算内' });
  });

  it('changes nothing on a second click or a click on a withdrawn request', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(1_000));
    if (!r.ok) throw new Error(r.code);
    await decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'approve', reason: null });
    const again = await decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'reject', reason: 'x' });
    expect(again).toEqual({ ok: false, code: 'already_decided', details: { id: r.value.request.id, status: 'approved' } });

    const w = await submitApproval(f.deps, f.as('zhangsan'), expense(1_500));
    if (!w.ok) throw new Error(w.code);
    expect((await withdrawApproval(f.deps, f.as('zhaoliu'), w.value.request.id)).ok).toBe(false);
    const withdrawn = await withdrawApproval(f.deps, f.as('zhangsan'), w.value.request.id);
    expect(withdrawn.ok && withdrawn.value.request.status).toBe('withdrawn');
    const late = await decideApproval(f.deps, f.as('lisi'), { requestId: w.value.request.id, decision: 'approve', reason: null });
    expect(late.ok ? null : late.details.status).toBe('withdrawn');
  });

  it('opens the reject form, the number filled in, when a reject comes without a reason', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(2_500, '宣传册'));
    if (!r.ok) throw new Error(r.code);
    const view = await f.bot.handleText(f.as('lisi'), `/审批 拒绝 ${r.value.request.id}`);
    expect(view.form?.name).toBe('reject');
    expect(view.form?.fields.find((x) => x.key === 'id')?.value).toBe(String(r.value.request.id));
    const done = await f.bot.submitForm(f.as('lisi'), 'reject', { id: String(r.value.request.id), reason: '已有库存' });
    expect(done.title).toContain(`#${r.value.request.id}`);
    expect(JSON.stringify(done.blocks)).toContain('已拒绝');
  });

  it('lists what waits on me and my own open requests', async () => {
    const r = await submitApproval(f.deps, f.as('zhaoliu'), expense(4_000, '客户答谢'));
    if (!r.ok) throw new Error(r.code);
    const mine = await listApprovals(f.deps, f.as('zhaoliu'));
    const lisi = await listApprovals(f.deps, f.as('lisi'));
    expect(mine.ok && mine.value.mine.map((a) => a.subject)).toContain('客户答谢');
    expect(lisi.ok && lisi.value.waitingOnMe.map((a) => a.subject)).toContain('客户答谢');
  });

  it("shows what waits on an approver on their first screen (Slack's Home tab)", async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(1_200, '样品快递'));
    if (!r.ok) throw new Error(r.code);
    const home = await f.bot.home(f.as('lisi'));
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('等我审批');
    expect(text).toContain(`#${r.value.request.id} 样品快递`);
    expect(JSON.stringify((await f.bot.home(f.as('zhangsan'))).blocks)).toContain('我的申请在审批中');
  });

  it('lets a named delegate decide while the approver is away, sending them the card too, and audits it', async () => {
    const set = await setDelegate(f.deps, f.as('lisi'), { delegateId: 'wangwu', until: '2026-11-30' });
    expect(set.ok).toBe(true);
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(900, '快递费'));
    if (!r.ok) throw new Error(r.code);
    const cards = (await outboxTo('wangwu')).filter((n) => n.kind === 'approval_requested' && n.requestId === r.value.request.id);
    expect(cards).toHaveLength(1);
    const decided = await decideApproval(f.deps, f.as('wangwu'), { requestId: r.value.request.id, decision: 'approve', reason: null });
    expect(decided.ok && decided.value.request.steps[0]).toMatchObject({ approverId: 'lisi', status: 'approved', decidedBy: 'wangwu' });
    const audit = await f.database.db.selectFrom('audit_log').select('action').where('action', '=', 'delegation.set').execute();
    expect(audit).toHaveLength(1);

    f.clock.set('2026-12-01T10:00:00+08:00');
    const later = await submitApproval(f.deps, f.as('zhangsan'), expense(800, '停车费'));
    if (!later.ok) throw new Error(later.code);
    const refused = await decideApproval(f.deps, f.as('wangwu'), { requestId: later.value.request.id, decision: 'approve', reason: null });
    expect(refused.ok ? null : refused.code).toBe('not_your_step');
    f.clock.set('2026-11-26T10:00:00+08:00');
  });

  it('refuses a delegate who is oneself, unknown, or a date already past', async () => {
    expect(await setDelegate(f.deps, f.as('lisi'), { delegateId: 'lisi', until: '2026-12-01' })).toEqual({ ok: false, code: 'delegate_self', details: {} });
    expect((await setDelegate(f.deps, f.as('lisi'), { delegateId: 'nobody', until: '2026-12-01' })).ok).toBe(false);
    expect(await setDelegate(f.deps, f.as('lisi'), { delegateId: 'wangwu', until: '2026-11-01' })).toEqual({ ok: false, code: 'until_past', details: { until: '2026-11-01' } });
  });

  it('escalates a step waiting more than 2 working days to the approver\'s manager, and tells the requester', async () => {
    f.clock.set('2026-11-26T10:00:00+08:00'); // Thursday
    const r = await submitApproval(f.deps, f.as('zhaoliu'), expense(700, '茶歇'));
    if (!r.ok) throw new Error(r.code);
    f.clock.set('2026-11-30T18:00:00+08:00'); // Monday: Friday and Monday have passed, the weekend does not count
    expect(await escalateWaitingApprovals(f.deps)).toBe(0);
    f.clock.set('2026-12-01T10:00:00+08:00'); // Tuesday: the third working day
    expect(await escalateWaitingApprovals(f.deps)).toBeGreaterThanOrEqual(1);
    const request = await f.database.db.selectFrom('approval_steps').selectAll().where('request_id', '=', r.value.request.id).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ approver_id: 'wangwu', status: 'pending' });
    expect((await outboxTo('zhaoliu')).at(-1)).toMatchObject({ kind: 'approval_escalated', from: '李四', to: '王五', days: 2 });
    expect(await escalateWaitingApprovals(f.deps)).toBe(0);
    const decided = await decideApproval(f.deps, f.as('wangwu'), { requestId: r.value.request.id, decision: 'approve', reason: null });
    expect(decided.ok && decided.value.request.status).toBe('approved');
    f.clock.set('2026-11-26T10:00:00+08:00');
  });

  it('gives one decision when two clicks race', async () => {
    const r = await submitApproval(f.deps, f.as('zhangsan'), expense(6_000));
    if (!r.ok) throw new Error(r.code);
    const results = await Promise.all([
      decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'approve', reason: null }),
      decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'reject', reason: '重复' }),
      decideApproval(f.deps, f.as('lisi'), { requestId: r.value.request.id, decision: 'approve', reason: null }),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok).map((x) => !x.ok && x.code)).toEqual(['already_decided', 'already_decided']);
    const decisions = await f.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(r.value.request.id)).where('action', 'like', 'approval.%').execute();
    expect(decisions.filter((d) => d.action !== 'approval.submit')).toHaveLength(1);
  });

  it('answers a submission, a decision and a withdrawal with the names of the requester and every approver on the request', async () => {
    const everyone = { zhangsan: '张三', lisi: '李四', wangwu: '王五' };
    const submitted = await submitApproval(f.deps, f.as('zhangsan'), expense(20_000, '区域客户答谢会'));
    if (!submitted.ok) throw new Error(submitted.code);
    expect(submitted.value.names).toEqual(everyone);
    const id = submitted.value.request.id;
    const decided = await decideApproval(f.deps, f.as('lisi'), { requestId: id, decision: 'approve', reason: null });
    expect(decided.ok && decided.value.names).toEqual(everyone);
    const withdrawn = await withdrawApproval(f.deps, f.as('zhangsan'), id);
    expect(withdrawn.ok && withdrawn.value).toEqual({ request: expect.objectContaining({ id, status: 'withdrawn' }), names: everyone });
  });

  it('names someone who has left the directory by their id, on the answer and in the list', async () => {
    const submitted = await submitApproval(f.deps, f.as('zhaoliu'), expense(20_000, '渠道伙伴年会'));
    const open = await submitApproval(f.deps, f.as('zhaoliu'), expense(20_000, '渠道伙伴答谢'));
    if (!submitted.ok || !open.ok) throw new Error('not submitted');
    await f.database.db.updateTable('people').set({ active: false }).where('id', '=', 'wangwu').execute();
    try {
      const withdrawn = await withdrawApproval(f.deps, f.as('zhaoliu'), submitted.value.request.id);
      expect(withdrawn.ok && withdrawn.value.names).toEqual({ zhaoliu: '赵六', lisi: '李四', wangwu: 'wangwu' });
      const list = await listApprovals(f.deps, f.as('zhaoliu'));
      expect(list.ok && list.value.mine.map((r) => r.id)).toContain(open.value.request.id);
      expect(list.ok && list.value.names).toMatchObject({ zhaoliu: '赵六', lisi: '李四', wangwu: 'wangwu' });
    } finally {
      await f.database.db.updateTable('people').set({ active: true }).where('id', '=', 'wangwu').execute();
    }
  });
});
