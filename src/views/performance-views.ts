import type { Leaderboard, MonthAttainment } from '../core/performance/attainment.ts';
import type { PersonFigures, TeamFigures } from '../core/performance/figures.ts';
import type { MonthFigures } from '../core/performance/finance.ts';
import { goalVersion, type GoalsOverview } from '../core/performance/goals.ts';
import type { PlanSaved } from '../core/performance/plan.ts';
import type { KpiReport, PersonKpi } from '../core/performance/show-kpi.ts';
import type { MonthlyGoal } from '../core/performance/types.ts';
import type { Person } from '../core/people.ts';
import { localDate } from '../core/time.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ViewContext } from './view-context.ts';
import { formatMoney } from './format.ts';
import { pageOf, pagerBlocks } from './paging.ts';
import type { Block, ChartBlock, View } from './view.ts';

/** Basis points as a percentage with one decimal: 9500 → 95.0% */
export const percent = (bp: number): string => `${(bp / 100).toFixed(1)}%`;

const mark = (t: Translate, met: boolean) => t(met ? 'kpi.met' : 'kpi.missed');

/** `/kpi` and `/kpi team`. */
export function kpiView(ctx: ViewContext, report: KpiReport, page = 1): View {
  return report.kind === 'person' ? personKpiView(ctx, report.kpi) : teamKpiView(ctx, report.team, page, report.leaderboard);
}

/** Basis points as the percent a chart plots: 9550 → 95.5 */
const chartPercent = (bp: number): number => bp / 100;

/** A person's attainment over the last months, a line. */
export function trendChart({ t }: ViewContext, name: string, trend: MonthAttainment[]): ChartBlock {
  return {
    type: 'chart',
    kind: 'line',
    title: t('kpi.chart.trend', { name, count: trend.length }),
    categories: trend.map((m) => m.month),
    series: [{ name: t('kpi.chart.attainment'), values: trend.map((m) => chartPercent(m.attainmentBp)) }],
    unit: '%',
  };
}

/**
 * A team's (or the department's) leaderboard, bars: the month's attainment
 * beside the quarter's, best quarter first. Two people of one name are told
 * apart by their ids, since a chart's categories must differ.
 */
export function leaderboardChart({ t }: ViewContext, team: string, board: Leaderboard): ChartBlock {
  const names = board.rows.map((r) => r.person.name);
  const categories = board.rows.map((r, i) => (names.indexOf(r.person.name) !== i || names.lastIndexOf(r.person.name) !== i ? `${r.person.name} (${r.person.id})` : r.person.name));
  const shown = board.rows.length;
  return {
    type: 'chart',
    kind: 'bar',
    title: shown < board.ranked ? t('kpi.chart.leaderboard.top', { team, shown, count: board.ranked }) : t('kpi.chart.leaderboard', { team }),
    categories,
    series: [
      { name: t('kpi.chart.month', { month: board.month }), values: board.rows.map((r) => chartPercent(r.month.attainmentBp)) },
      { name: t('kpi.chart.quarter', { quarter: board.quarter }), values: board.rows.map((r) => chartPercent(r.quarterBp)) },
    ],
    unit: '%',
  };
}

function personKpiView(ctx: ViewContext, kpi: PersonKpi): View {
  const { t, locale } = ctx;
  const f = kpi.figures;
  const money = (fen: number) => formatMoney(fen, locale);
  const lines = [
    t('kpi.new_clients', { count: f.newClients, target: f.newClientsPerMonthTarget * 3, mark: mark(t, f.met.newClients) }),
    // KPI-1 counts new clients per month: each month begun is marked, so the one that missed shows.
    ...f.newClientsByMonth.map((m) => t('kpi.new_clients.month', { month: m.month, count: m.count, target: f.newClientsPerMonthTarget, mark: m.met === null ? '' : mark(t, m.met) })),
    f.collection
      ? t('kpi.collection', { rate: percent(f.collection.rateBp), target: f.collectionTargetPercent, received: money(f.collection.receivedFen), due: money(f.collection.dueFen), mark: mark(t, f.met.collection) })
      : t('kpi.collection.none', { target: f.collectionTargetPercent }),
  ];
  const goals = kpi.goals.length ? kpi.goals.map((g) => goalLine(ctx, g)) : [t('kpi.goals.none')];
  const blocks: Block[] = [
    { type: 'progress', label: t('kpi.sales', { sales: money(f.salesFen), target: money(f.salesTargetFen), mark: mark(t, f.met.sales) }), current: f.salesFen, target: f.salesTargetFen },
    ...(kpi.trend?.length ? [trendChart(ctx, f.person.name, kpi.trend)] : []),
    { type: 'list', items: lines },
    { type: 'text', text: t('kpi.goals.title') },
    { type: 'list', items: goals },
  ];
  if (kpi.review) {
    blocks.push({ type: 'text', text: t(kpi.review.passed ? 'kpi.review.passed' : 'kpi.review.failed', { rank: kpi.review.rank ?? '-' }) });
    if (kpi.plan) blocks.push({ type: 'note', text: t('kpi.plan.submitted', { date: localDate(kpi.plan.submittedAt, ctx.timezone), due: kpi.plan.dueBy }) });
    else if (!kpi.review.passed) blocks.push({ type: 'note', text: t('kpi.plan.missing') }, { type: 'actions', buttons: [{ label: t('button.plan'), command: '/plan', style: 'primary' }] });
  } else {
    blocks.push({ type: 'note', text: t(kpi.running ? 'kpi.running' : 'kpi.not_reviewed', { passed: mark(t, f.passed) }) });
  }
  return { tone: kpi.review && !kpi.review.passed ? 'warning' : 'info', title: t('kpi.title', { name: f.person.name, quarter: f.quarter }), blocks };
}

/** `/kpi team [page:n]`: PAGE_SIZE people a page, as a table; the team's totals below them on every page, then the page and Previous / Next. */
function teamKpiView(ctx: ViewContext, team: TeamFigures, pageNumber: number, board: Leaderboard | undefined): View {
  const people = pageOf(team.people, pageNumber);
  const { t, locale } = ctx;
  const teamName = team.region ?? t('kpi.team.all');
  // The leaderboard ranks everyone, so it leads the first page only: paging on does not send the same chart again.
  const chart: Block[] = board && board.rows.length && people.page === 1 ? [leaderboardChart(ctx, teamName, board)] : [];
  const money = (fen: number) => formatMoney(fen, locale);
  const table: Block = {
    type: 'table',
    columns: [
      { label: t('table.kpi.name') },
      { label: t('table.kpi.sales'), align: 'right' },
      { label: t('table.kpi.attainment'), align: 'right' },
      { label: t('table.kpi.clients'), align: 'right' },
      { label: t('table.kpi.collection'), align: 'right' },
      { label: t('table.kpi.result') },
    ],
    rows: people.items.map((f: PersonFigures) => [
      f.person.name,
      money(f.salesFen),
      percent(f.attainmentBp),
      String(f.newClients),
      f.collection ? percent(f.collection.rateBp) : t('kpi.collection.nothing_due'),
      mark(t, f.passed),
    ]),
  };
  return {
    tone: 'info',
    title: t('kpi.team.title', { team: teamName, quarter: team.quarter }),
    blocks: [
      ...chart,
      people.items.length ? table : { type: 'list', items: [t('kpi.team.empty')] },
      { type: 'progress', label: t('kpi.team.new_clients', { count: team.newClients, target: team.newClientsTarget }), current: team.newClients, target: team.newClientsTarget },
      {
        type: 'list',
        items: team.conversion.map((c) =>
          t('kpi.team.conversion', { month: c.month, signed: c.signed, leads: c.leads, rate: c.leads ? percent(Math.floor((c.signed * 10_000) / c.leads)) : t('kpi.team.conversion.no_leads') }),
        ),
      },
      {
        type: 'progress',
        label: t('kpi.team.travel_fund', { count: team.newAClients, target: team.travelFundAClients, amount: money(team.travelFundAmountFen) }),
        current: team.newAClients,
        target: team.travelFundAClients,
      },
      ...pagerBlocks(t, people, (n) => teamPageCommand(team, n)),
    ],
  };
}

/** The command that shows page n of this team's list: the same region and quarter. */
function teamPageCommand(team: TeamFigures, n: number): string {
  return ['/kpi team', ...(team.region ? [`region:${team.region}`] : []), `quarter:${team.quarter}`, `page:${n}`].join(' ');
}

function goalLine({ t, locale }: ViewContext, g: MonthlyGoal): string {
  return t(g.agreedAt ? 'goal.line.agreed' : 'goal.line.pending', { month: g.month, sales: formatMoney(g.salesTargetFen, locale), clients: g.newClientsTarget, note: g.note ?? '' });
}

/** After `/goal @id …`. */
export function goalSetView(ctx: ViewContext, goal: MonthlyGoal, person: Person): View {
  return { tone: 'success', title: ctx.t('goal.set.title', { name: person.name, month: goal.month }), blocks: [{ type: 'text', text: goalLine(ctx, goal) }, { type: 'note', text: ctx.t('goal.set.sent', { name: person.name }) }] };
}

/** After `/goal agree`. */
export function goalAgreedView(ctx: ViewContext, goal: MonthlyGoal): View {
  return { tone: 'success', title: ctx.t('goal.agreed.title', { month: goal.month }), blocks: [{ type: 'text', text: goalLine(ctx, goal) }] };
}

/**
 * `/goal agree` on a goal set again since the person saw it: the refusal with
 * the goal as it is now, and an Agree button for that one.
 */
export function goalChangedView(ctx: ViewContext, details: Record<string, string | number>): View {
  const { t, locale } = ctx;
  const month = String(details.month);
  return {
    tone: 'warning',
    refusal: 'goal_changed',
    blocks: [
      { type: 'text', text: t('refusal.goal_changed', { month, sales: formatMoney(Number(details.salesFen), locale), clients: details.clients ?? '' }) },
      { type: 'actions', buttons: [{ label: t('button.agree_goal'), command: `/goal agree ${month} ${details.version}`, style: 'primary' }] },
    ],
  };
}

/** `/goal`: mine, and a manager's people. */
export function goalsView(ctx: ViewContext, overview: GoalsOverview): View {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (overview.reviewed) {
    blocks.push({ type: 'text', text: overview.mine ? goalLine(ctx, overview.mine) : t('goal.mine.none', { month: overview.month }) });
    if (overview.mine && !overview.mine.agreedAt) blocks.push({ type: 'actions', buttons: [{ label: t('button.agree_goal'), command: `/goal agree ${overview.month} ${goalVersion(overview.mine)}`, style: 'primary' }] });
  }
  if (overview.team) {
    const missing = overview.team.filter((m) => !m.goal).length;
    blocks.push(
      { type: 'text', text: t('goal.team.title', { missing, count: overview.team.length }) },
      { type: 'list', items: overview.team.map((m) => (m.goal ? t('goal.team.item', { name: m.person.name, goal: goalLine(ctx, m.goal) }) : t('goal.team.none', { name: m.person.name, id: m.person.id }))) },
    );
  }
  if (!blocks.length) blocks.push({ type: 'text', text: t('goal.nothing') });
  return { tone: 'info', title: t('goal.title', { month: overview.month }), blocks };
}

/** After `/plan <text>`. */
export function planSavedView({ t }: ViewContext, saved: PlanSaved): View {
  return {
    tone: saved.late ? 'warning' : 'success',
    title: t(saved.replaced ? 'plan.replaced.title' : 'plan.saved.title', { quarter: saved.quarter }),
    blocks: [{ type: 'text', text: t(saved.late ? 'plan.saved.late' : 'plan.saved.body', { due: saved.dueBy }) }],
  };
}

/** `/finance`, `/finance check <month>`, `/finance lock <month>`. */
export function financeView(ctx: ViewContext, figures: MonthFigures, justLocked = false): View {
  const { t, locale } = ctx;
  const money = (fen: number) => formatMoney(fen, locale);
  return {
    tone: justLocked ? 'success' : 'info',
    title: t(justLocked ? 'finance.locked.title' : 'finance.title', { month: figures.month }),
    blocks: [
      {
        type: 'list',
        items: figures.rows.length
          ? figures.rows.map((r) => {
              const line = t('finance.row', { name: r.name, sales: money(r.salesFen), contracts: r.contracts, received: money(r.receivedFen) });
              // Payments people recorded on their own contracts raise their collection rate: finance checks them before locking.
              return r.receivedByOwnerFen > 0 ? `${line} ${t('finance.row.by_owner', { amount: money(r.receivedByOwnerFen) })}` : line;
            })
          : [t('finance.empty')],
      },
      {
        type: 'fields',
        fields: [
          { label: t('finance.total.sales'), value: money(figures.salesFen) },
          { label: t('finance.total.contracts'), value: String(figures.contracts) },
          { label: t('finance.total.received'), value: money(figures.receivedFen) },
        ],
      },
      {
        type: 'note',
        text: figures.lock ? t('finance.locked', { by: figures.lock.by, at: localDate(figures.lock.at, ctx.timezone) }) : t('finance.unlocked'),
      },
      ...(figures.lockable ? [{ type: 'actions' as const, buttons: [{ label: t('button.finance_lock'), command: `/finance lock ${figures.month}`, style: 'primary' as const }] }] : []),
    ],
  };
}

