import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nthWorkingDay } from '../../src/core/performance/periods.ts';
import { financeCheckJob, monthlyGoalsJob, quarterlyReviewJob } from '../../src/core/reminders/performance-jobs.ts';
import { lockMonth } from '../../src/core/performance/finance.ts';
import { submitPlan } from '../../src/core/performance/plan.ts';
import { listGoals } from '../../src/core/performance/goals.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { addCompany, addContract, sampleQuarter } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

const at9 = (date: string) => new Date(`${date}T09:00:00+08:00`);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the performance jobs are scheduled', () => {
  it.each([
    ['monthly-goals', '0 9 * * *'],
    ['finance-check', '0 9 * * *'],
    ['quarterly-review', '0 9 * * *'],
  ])('runs %s daily at %s (the job decides whether today is its day)', (name, expression) => {
    const job = JOBS[name];
    expect(job?.cron(DEFAULT_POLICY)).toBe(expression);
  });
});

describe.each(backends)('performance jobs on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await sampleQuarter(f.database.db);
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const working = (d: string) => f.deps.calendar.isWorkingDay(d);
  const outboxTo = async (personId: string, kind: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice).filter((n) => n.kind === kind);

  it('monthly-goals asks managers (listing who has no goal) and tells staff, on the first working day only, once', async () => {
    const first = nthWorkingDay(working, '2026-12', 1)!;
    const second = nthWorkingDay(working, '2026-12', 2)!;
    expect((await monthlyGoalsJob(f.deps, at9(second))).queued).toBe(0);
    const run = await monthlyGoalsJob(f.deps, at9(first));
    expect(run.queued).toBeGreaterThan(0);
    expect((await monthlyGoalsJob(f.deps, at9(first))).queued).toBe(0);
    expect(await outboxTo('lisi', 'goals_due_manager')).toEqual([{ kind: 'goals_due_manager', month: '2026-12', missing: ['孙七', '张三', '赵六'] }]);
    expect(await outboxTo('zhangsan', 'goals_due_staff')).toEqual([{ kind: 'goals_due_staff', month: '2026-12' }]);
    expect(await outboxTo('qianhui', 'goals_due_staff')).toEqual([]);
  });

  it('finance-check asks finance on the 3rd working day for last month, once, and not when it is locked', async () => {
    const third = nthWorkingDay(working, '2026-11', 3)!;
    expect((await financeCheckJob(f.deps, at9(nthWorkingDay(working, '2026-11', 2)!))).queued).toBe(0);
    expect((await financeCheckJob(f.deps, at9(third))).queued).toBe(1);
    expect((await financeCheckJob(f.deps, at9(third))).queued).toBe(0);
    expect(await outboxTo('qianhui', 'finance_check')).toEqual([{ kind: 'finance_check', month: '2026-10', salesFen: 10_000_000, contracts: 1, receivedFen: 10_000_000 }]);
    // November locked (once it has ended) before December's check: nothing to ask.
    f.clock.set('2026-12-01T10:00:00+08:00');
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-11')).ok).toBe(true);
    expect((await financeCheckJob(f.deps, at9(nthWorkingDay(working, '2026-12', 3)!))).queued).toBe(0);
  });

  it('quarterly-review waits for finance to lock all three months, then stores the quarter once and tells results, standings and each region; flags two failed quarters in a row', async () => {
    const q4start = nthWorkingDay(working, '2026-10', 1)!;
    const dayAfter = nthWorkingDay(working, '2026-10', 2)!;
    // No month is locked yet: the first working day of the quarter reviews nothing (KPI-3: checked figures).
    expect((await quarterlyReviewJob(f.deps, at9(q4start))).queued).toBe(0);
    // The last month alone is not enough: July and August are still unchecked.
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-09')).ok).toBe(true);
    expect((await quarterlyReviewJob(f.deps, at9(q4start))).queued).toBe(0);
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-07')).ok).toBe(true);
    expect((await quarterlyReviewJob(f.deps, at9(q4start))).queued).toBe(0);
    expect(await f.database.db.selectFrom('quarter_reviews').select('id').execute()).toEqual([]);
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-08')).ok).toBe(true);

    const first = await quarterlyReviewJob(f.deps, at9(dayAfter));
    expect(first.queued).toBeGreaterThan(0);
    expect((await quarterlyReviewJob(f.deps, at9(dayAfter))).queued).toBe(0);
    const reviews = await f.database.db.selectFrom('quarter_reviews').select(['person_id', 'quarter', 'sales_fen', 'passed', 'rank', 'bonus_multiple', 'collection_rate_bp', 'computed_at']).orderBy('person_id').execute();
    expect(reviews.map((r) => r.person_id)).toEqual(['chener', 'majie', 'sunqi', 'wujiu', 'zhangsan', 'zhaoliu', 'zhengshi']);
    const { computed_at, ...zhang } = reviews.find((r) => r.person_id === 'zhangsan')!;
    expect(new Date(computed_at)).toEqual(at9(dayAfter));
    expect({ ...zhang, sales_fen: Number(zhang.sales_fen) }).toEqual({ person_id: 'zhangsan', quarter: '2026Q3', sales_fen: 110_000_000, passed: false, rank: null, bonus_multiple: 0, collection_rate_bp: 5_000 });

    const [result] = await outboxTo('zhangsan', 'review_result');
    expect(result).toMatchObject({ quarter: '2026Q3', passed: false, collectionRateBp: 5_000, newClientsTarget: 9, newClientsPerMonthTarget: 3, newClientsMissed: ['2026-07', '2026-08', '2026-09'], standing: null, ranked: 0 });
    // KPI-1: the promotion staff's own target, 5 a month.
    expect((await outboxTo('majie', 'review_result'))[0]).toMatchObject({ newClientsPerMonthTarget: 5, newClientsTarget: 15 });
    const planDue = (result as { planDueBy: string }).planDueBy;
    expect(planDue > dayAfter).toBe(true);
    // 张三 failed (50% collected): he has no standing and no bonus; a quarter pays no bonus at all (KPI-5 is yearly).
    expect(await outboxTo('wangwu', 'review_standing')).toEqual([{ kind: 'review_standing', quarter: '2026Q3', reviewed: 7, items: [] }]);
    expect(await outboxTo('wangwu', 'year_bonus')).toEqual([]);
    expect(await outboxTo('wangwu', 'review_retraining')).toEqual([]);
    expect(await outboxTo('lisi', 'review_team')).toEqual([
      { kind: 'review_team', quarter: '2026Q3', region: '华东', newClients: 2, newClientsTarget: 10, passed: 0, reviewed: 3, failed: ['孙七', '张三', '赵六'], newAClients: 1, travelFundAClients: 3 },
    ]);

    // KPI-4: no plan from 张三: reminded once when two days or fewer are left, once when overdue, and so is 李四.
    // Seven days ahead on the review's day: no reminder yet. 陈二 submits his plan and hears nothing more.
    expect(await outboxTo('zhangsan', 'plan_due')).toEqual([]);
    expect((await submitPlan(f.deps, f.as('chener'), '每周多拜访三家')).ok).toBe(true);
    let soon = planDue;
    while (!working(soon)) soon = addDays(soon, -1);
    expect(addDays(soon, 2) >= planDue).toBe(true);
    await quarterlyReviewJob(f.deps, at9(soon));
    expect(await outboxTo('zhangsan', 'plan_due')).toEqual([{ kind: 'plan_due', quarter: '2026Q3', person: '张三', dueBy: planDue, overdue: false, toManager: false }]);
    expect((await outboxTo('lisi', 'plan_due')).filter((n) => n.person === '张三')).toEqual([{ kind: 'plan_due', quarter: '2026Q3', person: '张三', dueBy: planDue, overdue: false, toManager: true }]);
    expect((await quarterlyReviewJob(f.deps, at9(soon))).queued).toBe(0);
    let late = addDays(planDue, 1);
    while (!working(late)) late = addDays(late, 1);
    await quarterlyReviewJob(f.deps, at9(late));
    expect((await outboxTo('zhangsan', 'plan_due')).map((n) => n.overdue)).toEqual([false, true]);
    expect((await outboxTo('lisi', 'plan_due')).filter((n) => n.person === '张三').map((n) => n.overdue)).toEqual([false, true]);
    expect((await quarterlyReviewJob(f.deps, at9(late))).queued).toBe(0);
    expect(await outboxTo('chener', 'plan_due')).toEqual([]);
    expect((await outboxTo('fengyi', 'plan_due')).filter((n) => n.person === '陈二')).toEqual([]);

    // Q4 fails again for everyone: two in a row (KPI-6), reviewed once October to December are locked
    // (November first, here). Nobody passed every review: the year ranks nobody.
    const q1start = nthWorkingDay(working, '2027-01', 1)!;
    f.clock.set('2027-01-04T10:00:00+08:00');
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-11')).ok).toBe(true);
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-12')).ok).toBe(true);
    expect((await quarterlyReviewJob(f.deps, at9(q1start))).queued).toBe(0);
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-10')).ok).toBe(true);
    expect((await quarterlyReviewJob(f.deps, at9(q1start))).queued).toBeGreaterThan(0);
    const [flag] = await outboxTo('wangwu', 'review_retraining');
    expect(flag).toMatchObject({ quarter: '2026Q4', times: 2 });
    expect((flag as { names: string[] }).names).toContain('张三');
    expect(await outboxTo('wangwu', 'year_bonus')).toEqual([{ kind: 'year_bonus', year: 2026, ranked: 0, items: [] }]);
  });
  it('monthly-goals and /goal read the directory once, not a chain of queries per manager and person', async () => {
    // 60 more salespeople under 李四: the number of queries must not grow with them.
    await f.database.db
      .insertInto('people')
      .values(Array.from({ length: 60 }, (_, i) => ({ id: `extra${i}`, name: `员工${i}`, role: 'sales', region: '华东', manager_id: 'lisi', slack_id: null, feishu_id: null, locale: null, monthly_salary_fen: null })))
      .execute();
    let queries = 0;
    const counting = f.database.db.withPlugin({
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const deps = { ...f.deps, store: kyselyStore(counting, f.keyring) };
    const first = nthWorkingDay(working, '2027-02', 1)!;
    const run = await monthlyGoalsJob(deps, at9(first));
    expect(run.queued).toBeGreaterThan(60);
    expect(queries).toBeLessThan(20);
    const [lisiNotice] = (await outboxTo('lisi', 'goals_due_manager')).filter((n) => n.month === '2027-02');
    expect((lisiNotice as { missing: string[] }).missing).toHaveLength(63);
    queries = 0;
    const overview = await listGoals(deps, f.as('lisi'));
    expect(overview.ok && overview.value.team?.length).toBe(63);
    expect(queries).toBeLessThan(20);
  });
});

describe.each(backends)('the year-end bonus (KPI-5) on $name', (backend) => {
  let f: BotFixture;
  // Shares rounded up, so a handful of ranked people reach a tier (the default, floor, needs five for the top 20% to hold one).
  const policy = { ...DEFAULT_POLICY, kpi: { ...DEFAULT_POLICY.kpi, bonusRounding: 'ceil' as const } };
  beforeAll(async () => {
    f = await botFixture(backend, { policy, now: '2026-01-05T10:00:00+08:00' });
  });
  afterAll(() => f.close());

  const review = (personId: string, quarter: string, salesFen: number, passed: boolean) => ({
    personId,
    quarter,
    salesFen,
    newClients: 9,
    collectionRateBp: passed ? 10_000 : 0,
    attainmentBp: Math.floor(salesFen / 10_000),
    passed,
    rank: passed ? 1 : null,
    bonusMultiple: 0,
    computedAt: new Date(`${quarter.startsWith('2025Q1') ? '2025-04' : quarter.startsWith('2025Q2') ? '2025-07' : '2025-10'}-10T01:00:00Z`),
  });

  /** Nine new clients, three a month, each due after the year ends: the fourth quarter passes on `yuan` × 9 of sales. */
  async function passingQ4(ownerId: string, region: string, yuan: number) {
    for (const month of ['10', '11', '12']) {
      for (let i = 0; i < 3; i++) {
        const company = await addCompany(f.database.db, `${ownerId}-${month}-${i}`, ownerId, region);
        await addContract(f.database.db, { companyId: company, ownerId, region, yuan, signedAt: `2025-${month}-1${i}T10:00:00+08:00`, due: '2026-03-31', newClient: true });
      }
    }
  }

  it('is ranked once after the fourth quarter, among those who passed every review of the year, from the year\'s attainment, and sent to the department manager', async () => {
    await f.deps.store.transaction(async (tx) => {
      await tx.performance.addReviews([
        // 张三 passed Q1 to Q3 on 1,500,000 each.
        ...['2025Q1', '2025Q2', '2025Q3'].map((q) => review('zhangsan', q, 150_000_000, true)),
        // 赵六 sold the most but failed Q1 (collection 0%): never ranked.
        review('zhaoliu', '2025Q1', 900_000_000, false),
        ...['2025Q2', '2025Q3'].map((q) => review('zhaoliu', q, 300_000_000, true)),
        // 吴九 joined in Q3: measured on his two quarters.
        review('wujiu', '2025Q3', 120_000_000, true),
      ]);
      return { ok: true as const, value: null };
    });
    await passingQ4('zhangsan', '华东', 200_000); // Q4: 1,800,000
    await passingQ4('zhaoliu', '华东', 400_000); // Q4: 3,600,000
    await passingQ4('wujiu', '华南', 150_000); // Q4: 1,350,000
    for (const month of ['2025-10', '2025-11', '2025-12']) expect((await lockMonth(f.deps, f.as('qianhui'), month)).ok).toBe(true);

    const day = nthWorkingDay((d) => f.deps.calendar.isWorkingDay(d), '2026-01', 2)!;
    expect((await quarterlyReviewJob(f.deps, at9(day))).queued).toBeGreaterThan(0);
    const q4 = await f.database.db.selectFrom('quarter_reviews').select(['person_id', 'passed', 'rank']).where('quarter', '=', '2025Q4').where('passed', '=', true).orderBy('rank').execute();
    // The quarter's standing, by Q4 sales: 赵六, 张三, 吴九.
    expect(q4).toEqual([
      { person_id: 'zhaoliu', passed: true, rank: 1 },
      { person_id: 'zhangsan', passed: true, rank: 2 },
      { person_id: 'wujiu', passed: true, rank: 3 },
    ]);
    // The year: 张三 (1,500,000 × 3 + 1,800,000) ÷ (1,000,000 × 4) = 157.5%; 吴九 (1,200,000 + 1,350,000) ÷ 2,000,000 = 127.5%.
    // Two ranked, shares rounded up: top 5% holds 1 (3×), the next tiers none.
    const rows = await f.database.db.selectFrom('year_bonuses').select(['person_id', 'year', 'quarters', 'attainment_bp', 'rank', 'bonus_multiple']).orderBy('rank').execute();
    expect(rows).toEqual([
      { person_id: 'zhangsan', year: 2025, quarters: 4, attainment_bp: 15_750, rank: 1, bonus_multiple: 3 },
      { person_id: 'wujiu', year: 2025, quarters: 2, attainment_bp: 12_750, rank: 2, bonus_multiple: 0 },
    ]);
    const sent = await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute();
    const yearNotices = sent.filter((r) => r.notice.kind === 'year_bonus');
    expect(yearNotices).toEqual([
      { person_id: 'wangwu', notice: { kind: 'year_bonus', year: 2025, ranked: 2, items: [{ name: '张三', rank: 1, attainmentBp: 15_750, multiple: 3, bonusFen: 4_500_000 }] } },
    ]);
    // Once: a later run stores and sends nothing more.
    expect((await quarterlyReviewJob(f.deps, at9(day))).queued).toBe(0);
    expect(await f.database.db.selectFrom('year_bonuses').select('person_id').execute()).toHaveLength(2);
  });
});
