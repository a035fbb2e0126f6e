import { DateTime } from 'luxon';
import type { Person } from '../people.ts';
import type { CoreDeps, Repositories } from '../ports.ts';
import type { Policy } from '../policy.ts';
import { localDate, type IsoDate } from '../time.ts';
import type { PersonFigures } from './figures.ts';
import { instants, monthOfDate, monthRange, monthsOf, quarterRange } from './periods.ts';
import type { Month, MonthlyGoal, Quarter, SignedSale } from './types.ts';

/**
 * Attainment month by month, for the `/kpi` charts: a person's trend over the
 * last months, and a team's leaderboard for a month and its quarter. A
 * month's target is the person's monthly goal (KPI-2) when one was set, else
 * a third of the quarterly sales target (KPI-1 sets targets by quarter).
 */

/** How many months the trend shows, the month it ends in included. */
export const TREND_MONTHS = 6;
/** How many people a leaderboard shows (the best first); the list under it has everyone. */
export const LEADERBOARD_SIZE = 10;

export interface MonthAttainment {
  month: Month;
  salesFen: number;
  targetFen: number;
  /** Sales ÷ target in basis points, floored; 0 when the target is 0. */
  attainmentBp: number;
}

export interface LeaderboardRow {
  person: Person;
  /** The leaderboard's month (so far, while it runs). */
  month: MonthAttainment;
  /** The quarter so far: KPI-5's attainment. */
  quarterBp: number;
}

export interface Leaderboard {
  month: Month;
  quarter: Quarter;
  /** Best quarter attainment first, then best month; at most LEADERBOARD_SIZE. */
  rows: LeaderboardRow[];
  /** How many people were ranked (rows may show fewer). */
  ranked: number;
}

export const bp = (part: number, whole: number): number => (whole > 0 ? Math.floor((part * 10_000) / whole) : 0);

/** A month's sales target: the goal's when set, else a third of the quarter's. */
export const monthTargetFen = (policy: Policy, goal: MonthlyGoal | undefined): number => goal?.salesTargetFen ?? Math.floor(policy.kpi.quarterlySalesTargetFen / 3);

/** The month a quarter's charts end in: today's while the quarter runs, else the quarter's last month. */
export function chartMonth(quarter: Quarter, today: IsoDate): Month {
  const { from, to } = quarterRange(quarter);
  return today >= from && today <= to ? monthOfDate(today) : monthsOf(quarter)[2]!;
}

/** The `count` months that end with `last`, oldest first. */
export function monthsEndingWith(last: Month, count: number): Month[] {
  const end = DateTime.fromISO(`${last}-01`, { zone: 'UTC' });
  return Array.from({ length: count }, (_, i) => end.minus({ months: count - 1 - i }).toFormat('yyyy-MM'));
}

/** Sales per owner and month (company time zone), from the sales read. */
function salesByOwnerMonth(deps: CoreDeps, sales: SignedSale[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const s of sales) {
    const key = `${s.ownerId} ${monthOfDate(localDate(s.signedAt, deps.timezone))}`;
    sums.set(key, (sums.get(key) ?? 0) + s.amountFen);
  }
  return sums;
}

/** The instants that bound the months from `first` to `last`, both whole. */
const monthsSpan = (deps: CoreDeps, first: Month, last: Month) => instants({ from: monthRange(first).from, to: monthRange(last).to }, deps.timezone);

/** A person's attainment in each of the TREND_MONTHS months ending with `last`. */
export async function attainmentTrend(deps: CoreDeps, tx: Repositories, person: Person, last: Month): Promise<MonthAttainment[]> {
  const months = monthsEndingWith(last, TREND_MONTHS);
  const span = monthsSpan(deps, months[0]!, last);
  const sums = salesByOwnerMonth(deps, await tx.performance.salesOf([person.id], span.from, span.to));
  const goals = new Map((await tx.performance.goalsBetween(person.id, months[0]!, last)).map((g) => [g.month, g]));
  return months.map((month) => {
    const salesFen = sums.get(`${person.id} ${month}`) ?? 0;
    const targetFen = monthTargetFen(deps.policy, goals.get(month));
    return { month, salesFen, targetFen, attainmentBp: bp(salesFen, targetFen) };
  });
}

/** The leaderboard of the people whose quarter figures these are: the chart month's attainment beside the quarter's. */
export async function leaderboard(deps: CoreDeps, tx: Repositories, figures: PersonFigures[], quarter: Quarter, today: IsoDate): Promise<Leaderboard> {
  const month = chartMonth(quarter, today);
  const span = monthsSpan(deps, month, month);
  const sums = salesByOwnerMonth(deps, await tx.performance.salesOf(figures.map((f) => f.person.id), span.from, span.to));
  const goals = new Map((await tx.performance.goalsIn(month)).map((g) => [g.personId, g]));
  const rows = figures.map((f): LeaderboardRow => {
    const salesFen = sums.get(`${f.person.id} ${month}`) ?? 0;
    const targetFen = monthTargetFen(deps.policy, goals.get(f.person.id));
    return { person: f.person, month: { month, salesFen, targetFen, attainmentBp: bp(salesFen, targetFen) }, quarterBp: f.attainmentBp };
  });
  rows.sort((a, b) => b.quarterBp - a.quarterBp || b.month.attainmentBp - a.month.attainmentBp || a.person.id.localeCompare(b.person.id));
  return { month, quarter, rows: rows.slice(0, LEADERBOARD_SIZE), ranked: rows.length };
}
