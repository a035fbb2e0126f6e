import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/core/approvals/chain.ts';
import { decideApproval } from '../../src/core/approvals/decide.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { ok } from '../../src/core/result.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { EXTRA, withPeople } from '../support/approval-org.ts';
import { backends } from '../support/test-database.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

const expense = (yuan: number, event: string | null = null, subject = '展会'): SubmitApprovalCommand => ({
  kind: 'expense', subject, amountFen: yuan * 100, event, product: null, onDate: null,
});
const withTop: Policy = { ...DEFAULT_POLICY, expenses: { ...DEFAULT_POLICY.expenses, topApprover: 'zongjingli' } };
const chainOf = (r: { ok: boolean; value?: { request: { steps: { role: string; approverId: string }[] } } }) => (r.ok ? r.value!.request.steps.map((s) => `${s.role}:${s.approverId}`) : r);

describe.each(backends)('who approves, at the top of the org and around roles (EXP-1, CON-2, PROMO-1) on $name', (backend) => {
  describe('with no top approver in the policy', () => {
    let f: BotFixture;
    beforeAll(async () => {
      f = await botFixture(backend);
      await checkpoint(f.database.db);
    });
    afterAll(() => f.close());
    // Each test starts from no request and the org as shipped, not from what the test before it left.
    beforeEach(async () => {
      await backToCheckpoint(f.database.db);
      await withPeople(f, []);
    });

    it("refuses the department manager's own 8,000 expense, naming the setting, instead of giving it to his subordinate alone", async () => {
      const r = await submitApproval(f.deps, f.as('wangwu'), expense(8_000));
      expect(r).toEqual({ ok: false, code: 'top_approver_needed', details: { role: 'regional_manager' } });
      expect(await f.database.db.selectFrom('approval_requests').select('id').execute()).toHaveLength(0);
    });

    it("refuses finance's own 60,000 when nobody else is in finance, rather than dropping the finance step", async () => {
      expect(await submitApproval(f.deps, f.as('qianhui'), expense(60_000))).toEqual({ ok: false, code: 'no_approver', details: { role: 'finance' } });
    });

    it("gives finance's own 60,000 to another person in finance for the finance step", async () => {
      await withPeople(f, [EXTRA.finance2]);
      const r = await submitApproval(f.deps, f.as('qianhui'), expense(60_000));
      expect(chainOf(r)).toEqual(['regional_manager:lisi', 'department_manager:wangwu', 'finance:sunli']);
    });

    it("gives a regional manager's own 20,000 to the department manager once, who signs as department manager", async () => {
      const r = await submitApproval(f.deps, f.as('lisi'), expense(20_000));
      expect(chainOf(r)).toEqual(['department_manager:wangwu']);
    });

    it('sends a contract review requested by legal to another person in legal, never to a manager outside legal (CON-2)', async () => {
      const resolve = () => f.deps.store.transaction(async (tx) => ok(await resolveChain(tx, f.deps.policy, f.person('luming'), 'contract', 100_000_00)));
      const alone = await resolve();
      expect(alone.ok && alone.value).toEqual({ ok: false, code: 'no_approver', details: { role: 'legal' } });
      await withPeople(f, [EXTRA.legal2]);
      const other = await resolve();
      expect(other.ok && other.value).toEqual({ ok: true, value: [{ role: 'legal', approverId: 'fawu2' }] });
    });

    it("refuses the department manager's promotion, which only his own subordinate would review, naming the setting (PROMO-1)", async () => {
      const r = await submitApproval(f.deps, f.as('wangwu'), { kind: 'promotion', subject: '新品季', amountFen: null, event: null, product: null, onDate: null });
      expect(r).toEqual({ ok: false, code: 'top_approver_needed', details: { role: 'department_manager' } });
    });

    it('refuses a promotion whose start date has passed, and stores nothing (PROMO-1)', async () => {
      const promo = (onDate: string): SubmitApprovalCommand => ({ kind: 'promotion', subject: '试用季', amountFen: null, event: null, product: null, onDate });
      expect(await submitApproval(f.deps, f.as('zhangsan'), promo('2026-11-25'))).toEqual({ ok: false, code: 'promo_start_past', details: { start: '2026-11-25', today: '2026-11-26' } });
      expect(await f.database.db.selectFrom('approval_requests').select('id').where('kind', '=', 'promotion').execute()).toHaveLength(0);
      expect((await submitApproval(f.deps, f.as('zhangsan'), promo('2026-11-26'))).ok).toBe(true);
    });
  });

  describe('with 总经理 as the top approver', () => {
    let f: BotFixture;
    beforeAll(async () => {
      f = await botFixture(backend, { policy: withTop });
      await withPeople(f, [EXTRA.ceo]);
    });
    afterAll(() => f.close());

    it("gives the department manager's own 8,000 expense to the top approver", async () => {
      const r = await submitApproval(f.deps, f.as('wangwu'), expense(8_000));
      expect(chainOf(r)).toEqual(['regional_manager:zongjingli']);
    });

    it('lets the department manager file 20,000 and 80,000: the top approver signs once, finance keeps its step', async () => {
      expect(chainOf(await submitApproval(f.deps, f.as('wangwu'), expense(20_000)))).toEqual(['department_manager:zongjingli']);
      expect(chainOf(await submitApproval(f.deps, f.as('wangwu'), expense(80_000)))).toEqual(['department_manager:zongjingli', 'finance:qianhui']);
    });

    it("adds the top approver after the reviewer on the department manager's promotion", async () => {
      const r = await submitApproval(f.deps, f.as('wangwu'), { kind: 'promotion', subject: '新品季', amountFen: null, event: null, product: null, onDate: null });
      expect(chainOf(r)).toEqual(['marketing_reviewer:heyan', 'department_manager:zongjingli']);
    });
  });

  describe('an event split into small requests', () => {
    let f: BotFixture;
    beforeAll(async () => {
      f = await botFixture(backend);
    });
    afterAll(() => f.close());

    const cardTo = async (personId: string, requestId: number) =>
      (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).execute())
        .map((r) => r.notice as Record<string, unknown>)
        .find((n) => n.kind === 'approval_requested' && n.requestId === requestId);

    it('judges six 9,000 requests for one event, by two people and spelled three ways, on the running total', async () => {
      const spellings = ['2026上海车展', '2026 上海车展', '２０２６上海车展！'];
      const chains: string[][] = [];
      const marked: boolean[] = [];
      let last = 0;
      for (let i = 0; i < 6; i++) {
        const r = await submitApproval(f.deps, f.as(i % 2 ? 'zhaoliu' : 'zhangsan'), expense(9_000, spellings[i % 3]!, `展位 ${i + 1}`));
        if (!r.ok) throw new Error(r.code);
        chains.push(r.value.request.steps.map((s) => s.approverId));
        marked.push(r.value.request.overBenchmark);
        expect(r.value.request.eventTotalFen).toBe((i + 1) * 9_000_00);
        last = r.value.request.id;
      }
      expect(chains).toEqual([['lisi'], ['lisi', 'wangwu'], ['lisi', 'wangwu'], ['lisi', 'wangwu'], ['lisi', 'wangwu'], ['lisi', 'wangwu', 'qianhui']]);
      expect(marked).toEqual([false, false, false, true, true, true]);
      expect(await cardTo('lisi', last)).toMatchObject({ overBenchmark: true, eventTotalFen: 54_000_00, benchmarkFen: 35_000_00 });
    });

    it('leaves a rejected request out of the total, and judges a request without an event on its own', async () => {
      const first = await submitApproval(f.deps, f.as('zhangsan'), expense(30_000, '华东年会'));
      if (!first.ok) throw new Error(first.code);
      expect((await decideApproval(f.deps, f.as('lisi'), { requestId: first.value.request.id, decision: 'reject', reason: '超预算' })).ok).toBe(true);
      const second = await submitApproval(f.deps, f.as('zhangsan'), expense(9_000, '华东年会'));
      expect(second.ok && [second.value.request.eventTotalFen, second.value.request.steps.length]).toEqual([9_000_00, 1]);
      const alone = await submitApproval(f.deps, f.as('zhangsan'), expense(9_000));
      expect(alone.ok && [alone.value.request.eventTotalFen, alone.value.request.overBenchmark, alone.value.request.steps.length]).toEqual([null, false, 1]);
    });
  });
});
