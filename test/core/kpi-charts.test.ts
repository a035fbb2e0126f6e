import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEADERBOARD_SIZE, monthsEndingWith } from '../../src/core/performance/attainment.ts';
import { showKpi, type KpiReport } from '../../src/core/performance/show-kpi.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import type { CoreResult } from '../../src/core/ports.ts';
import { translator } from '../../src/i18n/translate.ts';
import { PAGE_SIZE } from '../../src/views/paging.ts';
import { kpiView } from '../../src/views/performance-views.ts';
import type { ChartBlock } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { addCompany, addContract, sampleQuarter } from '../support/performance-data.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { backends } from '../support/test-database.ts';

const unwrap = <T>(r: CoreResult<T>): T => {
  if (!r.ok) throw new Error(`refused: ${r.code} ${JSON.stringify(r.details)}`);
  return r.value;
};
const ctx = { t: translator('zh-CN'), locale: 'zh-CN' as const, policy: DEFAULT_POLICY, timezone: 'Asia/Shanghai' };
const chartsOf = (report: KpiReport, page = 1): ChartBlock[] => kpiView(ctx, report, page).blocks.filter((b): b is ChartBlock => b.type === 'chart');

describe('the months a trend shows', () => {
  it('are the six ending with the given one, across a year', () => {
    expect(monthsEndingWith('2026-02', 6)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

/**
 * The sample quarter (张三: 600,000 in July, 500,000 on 30 Sep, 100,000 at
 * 00:10 on 1 Oct Shanghai time), and in November 张三 200,000 and 赵六
 * 400,000 against a monthly goal of 200,000. Today is 26 Nov 2026; a month's
 * target without a goal is a third of the quarter's 1,000,000.
 */
describe.each(backends)('KPI charts on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const db = f.database.db;
    await sampleQuarter(db);
    const omega = await addCompany(db, '欧米伽电子', 'zhangsan', '华东');
    const sigma = await addCompany(db, '西格玛机械', 'zhaoliu', '华东');
    await addContract(db, { companyId: omega, ownerId: 'zhangsan', region: '华东', yuan: 200_000, signedAt: '2026-11-10T10:00:00+08:00', due: '2026-12-30', newClient: false });
    await addContract(db, { companyId: sigma, ownerId: 'zhaoliu', region: '华东', yuan: 400_000, signedAt: '2026-11-20T10:00:00+08:00', due: '2026-12-30', newClient: true });
    await db
      .insertInto('monthly_goals')
      .values({ person_id: 'zhaoliu', month: '2026-11', sales_target_fen: 20_000_000, new_clients_target: 3, note: null, set_by: 'lisi', set_at: new Date('2026-11-02T02:00:00Z') })
      .execute();
    await checkpoint(db);
  });
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  it("shows a person's attainment of the last six months, month by month in Shanghai time, up to this month", async () => {
    const report = unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: null }));
    if (report.kind !== 'person') throw new Error('expected a person');
    expect(report.kpi.trend.map((m) => [m.month, m.attainmentBp])).toEqual([
      ['2026-06', 0],
      ['2026-07', 18_000],
      ['2026-08', 0],
      ['2026-09', 15_000],
      // 00:10 on 1 Oct in Shanghai is still 30 Sep in UTC: it counts for October.
      ['2026-10', 3_000],
      ['2026-11', 6_000],
    ]);
    const [chart] = chartsOf(report);
    expect(chart).toEqual({
      type: 'chart',
      kind: 'line',
      title: '张三 · 近 6 个月销售目标达成率',
      categories: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'],
      series: [{ name: '达成率', values: [0, 180, 0, 150, 30, 60] }],
      unit: '%',
    });
  });

  it('ends the trend of a past quarter with its last month', async () => {
    const report = unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: '2026Q3' }));
    if (report.kind !== 'person') throw new Error('expected a person');
    expect(report.kpi.trend.map((m) => m.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(report.kpi.trend.at(-1)).toEqual({ month: '2026-09', salesFen: 50_000_000, targetFen: 33_333_333, attainmentBp: 15_000 });
  });

  it("ranks a team by the quarter's attainment, with this month's beside it against each one's monthly goal", async () => {
    const report = unwrap(await showKpi(f.deps, f.as('lisi'), { scope: 'team', region: null, quarter: null }));
    if (report.kind !== 'team') throw new Error('expected a team');
    expect(report.leaderboard.month).toBe('2026-11');
    expect(report.leaderboard.rows.map((r) => [r.person.id, r.month.attainmentBp, r.quarterBp])).toEqual([
      ['zhaoliu', 20_000, 4_000],
      ['zhangsan', 6_000, 3_000],
      ['sunqi', 0, 0],
    ]);
    const [chart] = chartsOf(report);
    expect(chart).toMatchObject({
      kind: 'bar',
      title: '华东 排行榜 · 销售目标达成率',
      categories: ['赵六', '张三', '孙七'],
      series: [
        { name: '2026-11 月度', values: [200, 60, 0] },
        { name: '2026Q4 季度', values: [40, 30, 0] },
      ],
    });
  });

  it('gives the department manager the whole department, the best ten on the chart, and shows it on the first page only', async () => {
    const report = unwrap(await showKpi(f.deps, f.as('wangwu'), { scope: 'me', quarter: null }));
    if (report.kind !== 'team') throw new Error('expected the department');
    expect(report.leaderboard.ranked).toBe(report.team.people.length);
    expect(report.leaderboard.rows.length).toBe(Math.min(LEADERBOARD_SIZE, report.team.people.length));
    expect(report.leaderboard.rows.slice(0, 2).map((r) => r.person.id)).toEqual(['zhaoliu', 'zhangsan']);
    const [chart] = chartsOf(report);
    expect(chart!.title).toContain('全部门 排行榜');
    // A team longer than a page: the chart leads page 1, and page 2 does not send it again.
    const long = { ...report, team: { ...report.team, people: Array.from({ length: PAGE_SIZE + 1 }, (_, i) => report.team.people[i % report.team.people.length]!) } };
    expect(chartsOf(long, 1)).toHaveLength(1);
    expect(chartsOf(long, 2)).toEqual([]);
  });
});
