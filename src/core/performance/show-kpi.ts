import { isManagerRole } from '../people.ts';
import type { Actor, CoreDeps, CoreResult, Repositories } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';
import { attainmentTrend, chartMonth, leaderboard, type Leaderboard, type MonthAttainment } from './attainment.ts';
import { isReviewed, personFigures, teamFigures, type PersonFigures, type TeamFigures } from './figures.ts';
import { monthsOf, quarterOfDate, quarterRange } from './periods.ts';
import { mayManage, reviewedPeople } from './team.ts';
import type { ImprovementPlan, MonthlyGoal, Quarter, QuarterReview } from './types.ts';

/** `/kpi`, `/kpi @id`, `/kpi team [region:…]`, each with an optional `quarter:2026Q3`. */
export type KpiQuery = ({ scope: 'me' } | { scope: 'person'; personId: string } | { scope: 'team'; region: string | null }) & { quarter: Quarter | null };

export interface PersonKpi {
  figures: PersonFigures;
  /** The quarter is still running (figures so far), not over. */
  running: boolean;
  goals: MonthlyGoal[];
  review: QuarterReview | null;
  plan: ImprovementPlan | null;
  /** Attainment of the last months, ending with the quarter's chart month (the trend chart). */
  trend: MonthAttainment[];
}

export type KpiReport = { kind: 'person'; kpi: PersonKpi } | { kind: 'team'; team: TeamFigures; leaderboard: Leaderboard };

export async function showKpi(deps: CoreDeps, actor: Actor, query: KpiQuery): Promise<CoreResult<KpiReport>> {
  const today = localDate(deps.clock.now(), deps.timezone);
  const quarter = query.quarter ?? quarterOfDate(today);
  return deps.store.direct(async (tx) => {
    const me = actor.person;
    // A manager's own /kpi is their team: managers carry no personal targets.
    const scope = query.scope === 'me' && !isReviewed(me.role) && isManagerRole(me.role) ? { scope: 'team' as const, region: null } : query;
    if (scope.scope === 'team') return team(deps, tx, actor, scope.region, quarter, today);
    const target = scope.scope === 'me' ? me : await tx.directory.personById(scope.personId);
    if (!target) return refuse('person_not_found', { person: scope.scope === 'person' ? scope.personId : me.id });
    if (!(await mayManage(tx, me, target, true))) return refuse('not_your_report', { person: target.name });
    if (!isReviewed(target.role)) return refuse('no_targets', { person: target.name, role: target.role });
    const [figures] = await personFigures(deps, tx, [target], quarter, today);
    const goals: MonthlyGoal[] = [];
    for (const month of monthsOf(quarter)) {
      const goal = await tx.performance.goal(target.id, month);
      if (goal) goals.push(goal);
    }
    return ok({
      kind: 'person' as const,
      kpi: {
        figures: figures!,
        running: quarterRange(quarter).to >= today,
        goals,
        review: await tx.performance.review(target.id, quarter),
        plan: await tx.performance.plan(target.id, quarter),
        trend: await attainmentTrend(deps, tx, target, chartMonth(quarter, today)),
      },
    });
  });
}

/** KPI-7: a regional manager sees their region, the department manager all (or one region). */
async function team(deps: CoreDeps, tx: Repositories, actor: Actor, region: string | null, quarter: Quarter, today: string): Promise<CoreResult<KpiReport>> {
  const me = actor.person;
  if (me.role !== 'regional_manager' && me.role !== 'department_manager') return refuse('not_allowed', { role: me.role });
  if (region !== null) {
    const regions = await tx.directory.regions();
    if (!regions.includes(region)) return refuse('unknown_region', { region, regions: regions.join(', ') });
  }
  if (me.role === 'regional_manager' && region !== null && region !== me.region) return refuse('not_allowed', { role: me.role });
  const scope = me.role === 'regional_manager' ? me.region : region;
  const people = await reviewedPeople(tx, scope);
  const figures = await teamFigures(deps, tx, people, scope, quarter, today);
  return ok({ kind: 'team' as const, team: figures, leaderboard: await leaderboard(deps, tx, figures.people, quarter, today) });
}
