import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { addDays, localDate, type IsoDate } from '../time.ts';
import type { Quarter } from './types.ts';

export interface PlanSaved {
  quarter: Quarter;
  dueBy: IsoDate;
  /** Submitted after the deadline: recorded all the same, and the manager is told so. */
  late: boolean;
  replaced: boolean;
}

/** The deadline of the plan for a review (KPI-4): improvementPlanDays after the day it was computed. */
export const planDueBy = (deps: CoreDeps, computedAt: Date): IsoDate => addDays(localDate(computedAt, deps.timezone), deps.policy.kpi.improvementPlanDays);

/**
 * `/plan <text>` (KPI-4): the improvement plan for the person's latest
 * quarter review, when it failed. Without a review, or when the latest one
 * passed, there is nothing to improve on, and the person is told so. A second plan for the same quarter replaces the
 * first. The manager is told in the same transaction.
 */
export async function submitPlan(deps: CoreDeps, actor: Actor, text: string): Promise<CoreResult<PlanSaved>> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  return deps.store.transaction(async (tx) => {
    const me = actor.person;
    // The latest review decides: a failed quarter followed by a passed one needs no plan any more.
    const latest = await tx.performance.latestReview(me.id);
    if (!latest) return refuse('no_failed_review');
    if (latest.passed) return refuse('latest_review_passed', { quarter: latest.quarter });
    const failed = latest;
    const dueBy = planDueBy(deps, failed.computedAt);
    const replaced = (await tx.performance.plan(me.id, failed.quarter)) !== null;
    await tx.performance.savePlan({ personId: me.id, quarter: failed.quarter, text, submittedAt: now, dueBy });
    const late = today > dueBy;
    if (me.managerId) {
      await tx.outbox.enqueue(
        {
          // Each submission is news to the manager, a replacement too.
          dedupeKey: `plan:${me.id}:${failed.quarter}:${now.getTime()}`,
          personId: me.managerId,
          notice: { kind: 'plan_submitted', person: me.name, quarter: failed.quarter, text, dueBy, late },
        },
        now,
      );
    }
    return ok({ quarter: failed.quarter, dueBy, late, replaced });
  });
}
