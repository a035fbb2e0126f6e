import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nthWorkingDay } from '../../src/core/performance/periods.ts';
import { financeCheckJob, monthlyGoalsJob, quarterlyReviewJob } from '../../src/core/reminders/performance-jobs.ts';
import { lockMonth } from '../../src/core/performance/finance.ts';
import { submitPlan } from '../../src/core/performance/plan.ts';
import { listGoals } from '../../src/core/performance/goals.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { sampleQuarter } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';

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
  });
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

  it('quarterly-review waits for finance to lock the quarter\'s last month, then stores the quarter once and tells results, the plan deadline, the bonus ranking and each region; flags two failed quarters in a row', async () => {
    const q4start = nthWorkingDay(working, '2026-10', 1)!;
    const dayAfter = nthWorkingDay(working, '2026-10', 2)!;
    // September is not locked yet: the first working day of the quarter reviews nothing (KPI-3: checked figures).
    expect((await quarterlyReviewJob(f.deps, at9(q4start))).queued).toBe(0);
    expect(await f.database.db.selectFrom('quarter_reviews').select('id').execute()).toEqual([]);
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-09')).ok).toBe(true);

    const first = await quarterlyReviewJob(f.deps, at9(dayAfter));
    expect(first.queued).toBeGreaterThan(0);
    expect((await quarterlyReviewJob(f.deps, at9(dayAfter))).queued).toBe(0);
    const reviews = await f.database.db.selectFrom('quarter_reviews').select(['person_id', 'quarter', 'sales_fen', 'passed', 'rank', 'bonus_multiple', 'collection_rate_bp', 'computed_at']).orderBy('person_id').execute();
    expect(reviews.map((r) => r.person_id)).toEqual(['chener', 'sunqi', 'wujiu', 'zhangsan', 'zhaoliu', 'zhengshi']);
    const { computed_at, ...zhang } = reviews.find((r) => r.person_id === 'zhangsan')!;
    expect(new Date(computed_at)).toEqual(at9(dayAfter));
    expect({ ...zhang, sales_fen: Number(zhang.sales_fen) }).toEqual({ person_id: 'zhangsan', quarter: '2026Q3', sales_fen: 110_000_000, passed: false, rank: 1, bonus_multiple: 1, collection_rate_bp: 5_000 });

    const [result] = await outboxTo('zhangsan', 'review_result');
    expect(result).toMatchObject({ quarter: '2026Q3', passed: false, collectionRateBp: 5_000, newClientsTarget: 9, newClientsPerMonthTarget: 3, newClientsMissed: ['2026-07', '2026-08', '2026-09'] });
    const planDue = (result as { planDueBy: string }).planDueBy;
    expect(planDue > dayAfter).toBe(true);
    expect(await outboxTo('wangwu', 'review_bonus')).toEqual([
      { kind: 'review_bonus', quarter: '2026Q3', reviewed: 6, items: [{ name: '张三', attainmentBp: 11_000, multiple: 1, bonusFen: 1_500_000 }] },
    ]);
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

    // Q4 fails again for everyone: two in a row (KPI-6), reviewed once December is locked.
    const q1start = nthWorkingDay(working, '2027-01', 1)!;
    f.clock.set('2027-01-04T10:00:00+08:00');
    expect((await lockMonth(f.deps, f.as('qianhui'), '2026-12')).ok).toBe(true);
    expect((await quarterlyReviewJob(f.deps, at9(q1start))).queued).toBeGreaterThan(0);
    const [flag] = await outboxTo('wangwu', 'review_retraining');
    expect(flag).toMatchObject({ quarter: '2026Q4', times: 2 });
    expect((flag as { names: string[] }).names).toContain('张三');
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
