import { personFigures, teamFigures } from '../performance/figures.ts';
import { monthFigures } from '../performance/finance.ts';
import { monthOfDate, nthWorkingDay, previousMonth, previousQuarter, quarterOfDate, quarterRange } from '../performance/periods.ts';
import { planDueBy } from '../performance/plan.ts';
import { rankForBonus } from '../performance/review.ts';
import { mayManage, reviewedPeople } from '../performance/team.ts';
import type { QuarterReview } from '../performance/types.ts';
import type { OutboxEntry } from '../notices.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import type { IsoDate } from '../time.ts';
import { jobWindow, type JobOutcome } from './job-window.ts';

const isWorking = (deps: CoreDeps) => (d: IsoDate) => deps.calendar.isWorkingDay(d);

/** Queues entries; the outbox's dedupe keys make a second run of the same moment add nothing. */
async function enqueueAll(tx: Tx, entries: OutboxEntry[], at: Date): Promise<number> {
  let queued = 0;
  for (const entry of entries) if (await tx.outbox.enqueue(entry, at)) queued++;
  return queued;
}

/**
 * `monthly-goals` (KPI-2): on the month's first working day, each manager is
 * asked to set the month's goals, with their people who have none yet, and
 * each reviewed person is told goals are being set. Other days: nothing.
 */
export async function monthlyGoalsJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const month = monthOfDate(window.date);
  if (nthWorkingDay(isWorking(deps), month, 1) !== window.date) return { queued: 0, skipped: null };
  const result = await deps.store.transaction(async (tx) => {
    const goals = new Set((await tx.performance.goalsIn(month)).map((g) => g.personId));
    const everyone = await reviewedPeople(tx, null);
    const managers = [...(await tx.directory.withRole('regional_manager')), ...(await tx.directory.withRole('department_manager'))];
    const entries: OutboxEntry[] = [];
    for (const manager of managers) {
      const missing: string[] = [];
      for (const person of everyone) if (!goals.has(person.id) && (await mayManage(tx, manager, person, false))) missing.push(person.name);
      entries.push({ dedupeKey: `monthly_goals:${manager.id}:${month}`, personId: manager.id, notice: { kind: 'goals_due_manager', month, missing } });
    }
    for (const person of everyone) entries.push({ dedupeKey: `monthly_goals:${person.id}:${month}`, personId: person.id, notice: { kind: 'goals_due_staff', month } });
    return { ok: true as const, value: await enqueueAll(tx, entries, at) };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/**
 * `finance-check` (KPI-3): on the financeCheckWorkingDay-th working day of
 * the month, finance is asked to check and lock the previous month, with its
 * totals. Nothing on other days, or when that month is locked already.
 */
export async function financeCheckJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const month = monthOfDate(window.date);
  if (nthWorkingDay(isWorking(deps), month, deps.policy.reminders.financeCheckWorkingDay) !== window.date) return { queued: 0, skipped: null };
  const checked = previousMonth(month);
  const result = await deps.store.transaction(async (tx) => {
    if (await tx.performance.lockOf(checked)) return { ok: true as const, value: 0 };
    const figures = await monthFigures(deps, tx, checked);
    const entries: OutboxEntry[] = (await tx.directory.withRole('finance')).map((f) => ({
      dedupeKey: `finance_check:${f.id}:${checked}`,
      personId: f.id,
      notice: { kind: 'finance_check', month: checked, salesFen: figures.salesFen, contracts: figures.contracts, receivedFen: figures.receivedFen },
    }));
    return { ok: true as const, value: await enqueueAll(tx, entries, at) };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/**
 * `quarterly-review` (KPI-3..7): on the new quarter's first working day the
 * quarter just ended is reviewed from the system's data, once (unique per
 * person and quarter): each person hears their result, and those who failed
 * when their improvement plan is due (KPI-4); the department manager gets the
 * bonus ranking (KPI-5) and whoever failed failedReviewsBeforeRetraining
 * reviews in a row (KPI-6); each regional manager their team's quarter (KPI-7).
 */
export async function quarterlyReviewJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const quarterStart = quarterRange(quarterOfDate(date)).from;
  if (nthWorkingDay(isWorking(deps), monthOfDate(quarterStart), 1) !== date) return { queued: 0, skipped: null };
  const quarter = previousQuarter(quarterOfDate(date));
  const kpi = deps.policy.kpi;
  const result = await deps.store.transaction(async (tx) => {
    const people = await reviewedPeople(tx, null);
    const figures = await personFigures(deps, tx, people, quarter, date);
    const ranked = rankForBonus(deps.policy, figures.map((f) => ({ personId: f.person.id, attainmentBp: f.attainmentBp, salesFen: f.salesFen })));
    await tx.performance.addReviews(
      figures.map((f) => ({
        personId: f.person.id,
        quarter,
        salesFen: f.salesFen,
        newClients: f.newClients,
        collectionRateBp: f.collection?.rateBp ?? null,
        attainmentBp: f.attainmentBp,
        passed: f.passed,
        rank: ranked.get(f.person.id)!.rank,
        bonusMultiple: ranked.get(f.person.id)!.bonusMultiple,
        computedAt: at,
      })),
    );
    // What is stored is what is told: a run after a partial one tells the stored result.
    const reviews = await tx.performance.reviewsIn(quarter);
    const byPerson = new Map(reviews.map((r) => [r.personId, r]));
    const entries: OutboxEntry[] = [];
    for (const f of figures) {
      const review = byPerson.get(f.person.id);
      if (!review) continue;
      entries.push({
        dedupeKey: `review:${f.person.id}:${quarter}`,
        personId: f.person.id,
        notice: {
          kind: 'review_result',
          quarter,
          passed: review.passed,
          salesFen: review.salesFen,
          salesTargetFen: f.salesTargetFen,
          newClients: review.newClients,
          newClientsTarget: f.newClientsPerMonthTarget * 3,
          collectionRateBp: review.collectionRateBp,
          collectionTargetPercent: f.collectionTargetPercent,
          planDueBy: review.passed ? null : planDueBy(deps, review.computedAt),
        },
      });
    }

    const names = new Map(people.map((p) => [p.id, p]));
    const bonus = reviews
      .filter((r) => r.bonusMultiple > 0)
      .sort((a, b) => a.rank - b.rank)
      .map((r) => {
        const salary = names.get(r.personId)?.monthlySalaryFen ?? null;
        return { name: names.get(r.personId)?.name ?? r.personId, attainmentBp: r.attainmentBp, multiple: r.bonusMultiple, bonusFen: salary === null ? null : salary * r.bonusMultiple };
      });
    const retraining = await failedInARow(tx, reviews, quarter, kpi.failedReviewsBeforeRetraining);
    for (const dm of await tx.directory.withRole('department_manager')) {
      entries.push({ dedupeKey: `review_bonus:${dm.id}:${quarter}`, personId: dm.id, notice: { kind: 'review_bonus', quarter, reviewed: reviews.length, items: bonus } });
      if (retraining.length) {
        entries.push({
          dedupeKey: `review_retraining:${dm.id}:${quarter}`,
          personId: dm.id,
          notice: { kind: 'review_retraining', quarter, times: kpi.failedReviewsBeforeRetraining, names: retraining.map((id) => names.get(id)?.name ?? id) },
        });
      }
    }

    for (const rm of await tx.directory.withRole('regional_manager')) {
      const team = people.filter((p) => p.region === rm.region);
      const figuresOfTeam = await teamFigures(deps, tx, team, rm.region, quarter, date);
      const teamReviews = team.map((p) => byPerson.get(p.id)).filter((r): r is QuarterReview => r !== undefined);
      entries.push({
        dedupeKey: `review_team:${rm.id}:${quarter}`,
        personId: rm.id,
        notice: {
          kind: 'review_team',
          quarter,
          region: rm.region,
          newClients: figuresOfTeam.newClients,
          newClientsTarget: figuresOfTeam.newClientsTarget,
          passed: teamReviews.filter((r) => r.passed).length,
          reviewed: teamReviews.length,
          newAClients: figuresOfTeam.newAClients,
          travelFundAClients: figuresOfTeam.travelFundAClients,
        },
      });
    }
    return { ok: true as const, value: await enqueueAll(tx, entries, at) };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/** KPI-6: of this quarter's failed, those who failed each of the `times` quarters up to it. */
async function failedInARow(tx: Tx, reviews: QuarterReview[], quarter: string, times: number): Promise<string[]> {
  const flagged: string[] = [];
  for (const review of reviews.filter((r) => !r.passed)) {
    let q = quarter;
    let failed = 1;
    while (failed < times) {
      q = previousQuarter(q);
      const earlier = await tx.performance.review(review.personId, q);
      if (!earlier || earlier.passed) break;
      failed++;
    }
    if (failed >= times) flagged.push(review.personId);
  }
  return flagged;
}
