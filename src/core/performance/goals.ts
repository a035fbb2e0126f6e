import { isManagerRole, type Person } from '../people.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';
import { isReviewed } from './figures.ts';
import { monthOfDate } from './periods.ts';
import { mayManage, orgChart, reviewedPeople } from './team.ts';
import type { MonthlyGoal, Month } from './types.ts';

export interface SetGoalCommand {
  personId: string;
  salesFen: number;
  newClients: number;
  /** Null: this month. */
  month: Month | null;
  note: string | null;
}

/**
 * `/goal @id sales:… clients:…` (KPI-2): the person's manager (anyone above
 * them), their region's regional manager or the department manager sets the month's goal; it may be replaced
 * until the person agrees. The person gets it with an Agree button.
 */
export async function setGoal(deps: CoreDeps, actor: Actor, input: SetGoalCommand): Promise<CoreResult<{ goal: MonthlyGoal; person: Person }>> {
  const now = deps.clock.now();
  const month = input.month ?? monthOfDate(localDate(now, deps.timezone));
  return deps.store.transaction(async (tx) => {
    const person = await tx.directory.personById(input.personId);
    if (!person) return refuse('person_not_found', { person: input.personId });
    if (!isReviewed(person.role)) return refuse('no_targets', { person: person.name, role: person.role });
    if (!(await mayManage(tx, actor.person, person, false))) return refuse('not_your_report', { person: person.name });
    const goal = { personId: person.id, month, salesTargetFen: input.salesFen, newClientsTarget: input.newClients, note: input.note, setBy: actor.person.id, setAt: now };
    if (!(await tx.performance.setGoal(goal))) return refuse('goal_already_agreed', { person: person.name, month });
    await tx.outbox.enqueue(
      {
        dedupeKey: `goal:${person.id}:${month}:${now.getTime()}`,
        personId: person.id,
        notice: { kind: 'goal_set', month, by: actor.person.name, salesFen: input.salesFen, newClients: input.newClients, note: input.note, version: goalVersion(goal) },
      },
      now,
    );
    return ok({ goal: { ...goal, agreedAt: null }, person });
  });
}

/** A goal's version: when it was last set (epoch ms). The Agree button carries it. */
export const goalVersion = (goal: Pick<MonthlyGoal, 'setAt'>): number => goal.setAt.getTime();

/**
 * `/goal agree [month] [version]`: the person agrees the month's goal;
 * whoever set it is told. A manager may replace the goal until it is agreed,
 * so the Agree button carries the version the person saw: when the goal was
 * set again since, nothing is agreed and the person is shown the current one
 * (goal_changed). Typed without a version, it agrees the goal as it is now
 * (and the reply shows it). The update matches the version read, so a goal
 * replaced at the same moment is not agreed either.
 */
export async function agreeGoal(deps: CoreDeps, actor: Actor, monthGiven: Month | null, version: number | null = null): Promise<CoreResult<MonthlyGoal>> {
  const now = deps.clock.now();
  const month = monthGiven ?? monthOfDate(localDate(now, deps.timezone));
  return deps.store.transaction(async (tx) => {
    const me = actor.person;
    const goal = await tx.performance.goal(me.id, month);
    if (!goal) return refuse('no_goal', { month });
    if (goal.agreedAt) return refuse('goal_already_agreed', { person: me.name, month });
    const changed = (current: MonthlyGoal) =>
      refuse('goal_changed', { month, salesFen: current.salesTargetFen, clients: current.newClientsTarget, version: goalVersion(current) });
    if (version !== null && goalVersion(goal) !== version) return changed(goal);
    if (!(await tx.performance.agreeGoal(me.id, month, now, goal.setAt))) {
      const current = await tx.performance.goal(me.id, month);
      return current && !current.agreedAt ? changed(current) : refuse('goal_already_agreed', { person: me.name, month });
    }
    await tx.outbox.enqueue({ dedupeKey: `goal_agreed:${me.id}:${month}`, personId: goal.setBy, notice: { kind: 'goal_agreed', month, person: me.name } }, now);
    return ok({ ...goal, agreedAt: now });
  });
}

export interface GoalsOverview {
  month: Month;
  /** The asker's own goal, when they carry targets. */
  mine: MonthlyGoal | null;
  reviewed: boolean;
  /** For a manager: each of their people with their goal or null (none yet). */
  team: { person: Person; goal: MonthlyGoal | null }[] | null;
}

/** `/goal`: my goal this month; a manager also sees their people's, and who has none yet. */
export async function listGoals(deps: CoreDeps, actor: Actor): Promise<CoreResult<GoalsOverview>> {
  const month = monthOfDate(localDate(deps.clock.now(), deps.timezone));
  return deps.store.direct(async (tx) => {
    const me = actor.person;
    const reviewed = isReviewed(me.role);
    const mine = reviewed ? await tx.performance.goal(me.id, month) : null;
    let team: GoalsOverview['team'] = null;
    if (isManagerRole(me.role)) {
      const goals = new Map((await tx.performance.goalsIn(month)).map((g) => [g.personId, g]));
      const people = await reviewedPeople(tx, me.role === 'regional_manager' ? me.region : null);
      // The chains are worked out in memory: one read of the directory, not a chain of queries per person.
      const chart = await orgChart(tx);
      team = people.filter((person) => chart.mayManage(me, person, false)).map((person) => ({ person, goal: goals.get(person.id) ?? null }));
    }
    return ok({ month, mine, reviewed, team });
  });
}
