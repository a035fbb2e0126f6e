import { isManagerRole } from '../people.ts';
import { figuresOf, quarterData, teamFiguresOf } from '../performance/figures.ts';
import { monthFigures } from '../performance/finance.ts';
import { monthOfDate, monthsOf, nthWorkingDay, previousMonth, previousQuarter, quarterOfDate } from '../performance/periods.ts';
import { planDueBy } from '../performance/plan.ts';
import { rankForBonus } from '../performance/review.ts';
import { orgChart, reviewedPeople } from '../performance/team.ts';
import type { Quarter, QuarterReview } from '../performance/types.ts';
import type { OutboxEntry } from '../notices.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { addDays, type IsoDate } from '../time.ts';
import { jobWindow, type JobOutcome } from './job-window.ts';

const isWorking = (deps: CoreDeps) => (d: IsoDate) => deps.calendar.isWorkingDay(d);

/** Queues the run's notices in one statement; the outbox's dedupe keys make a second run of the same moment add nothing. */
const enqueueAll = async (tx: Tx, entries: OutboxEntry[], at: Date): Promise<number> => (entries.length ? tx.outbox.enqueueMany(entries, at) : 0);

/**
 * `monthly-goals` (KPI-2): on the month's first working day, each manager is
 * asked to set the month's goals, with their people who have none yet, and
 * each reviewed person is told goals are being set. Other days: nothing.
 * Who is whose is worked out in memory from one read of the directory.
 */
export async function monthlyGoalsJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const month = monthOfDate(window.date);
  if (nthWorkingDay(isWorking(deps), month, 1) !== window.date) return { queued: 0, skipped: null };
  const result = await deps.store.transaction(async (tx) => {
    const goals = new Set((await tx.performance.goalsIn(month)).map((g) => g.personId));
    const everyone = await reviewedPeople(tx, null);
    const chart = await orgChart(tx);
    const managers = [...chart.byId.values()].filter((p) => isManagerRole(p.role)).sort((a, b) => a.id.localeCompare(b.id));
    const entries: OutboxEntry[] = [];
    for (const manager of managers) {
      const missing = everyone.filter((person) => !goals.has(person.id) && chart.mayManage(manager, person, false)).map((person) => person.name);
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
 * `quarterly-review` (KPI-3..7), run daily at its time on working days.
 *
 * KPI-3 reviews the quarter "from the system's data", and finance checks each
 * month's figures and locks it once checked. So the quarter just ended is
 * reviewed on the first run after finance has locked its last month (the
 * finance-check job asks finance to do so), not on the new quarter's first
 * working day: until the lock, the review waits and nothing is said about
 * it. It is computed once (unique per person and quarter; a run that finds
 * the quarter's reviews stored does not compute it again): each person hears
 * their result, and those who failed when their improvement plan is due
 * (KPI-4); the department manager gets the bonus ranking (KPI-5) and whoever
 * failed failedReviewsBeforeRetraining reviews in a row (KPI-6); each
 * regional manager their team's quarter, naming who failed (KPI-7).
 *
 * Every run also reminds of improvement plans not submitted (KPI-4) for a
 * failed latest review: once when policy.kpi.planReminderDaysBefore (2) or fewer days are left,
 * once when overdue, to the person and their manager (dedupe keys
 * `plan_due:<person>:<quarter>:<soon|overdue>:to:<who>`).
 */
export async function quarterlyReviewJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const quarter = previousQuarter(quarterOfDate(date));
  const lastMonth = monthsOf(quarter)[2]!;
  const result = await deps.store.transaction(async (tx) => {
    const entries: OutboxEntry[] = [];
    if ((await tx.performance.lockOf(lastMonth)) && (await tx.performance.reviewsIn(quarter)).length === 0) {
      entries.push(...(await reviewQuarter(deps, tx, quarter, date, at)));
    }
    entries.push(...(await planReminders(deps, tx, date)));
    return { ok: true as const, value: await enqueueAll(tx, entries, at) };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

async function reviewQuarter(deps: CoreDeps, tx: Tx, quarter: Quarter, date: IsoDate, at: Date): Promise<OutboxEntry[]> {
  const kpi = deps.policy.kpi;
  const people = await reviewedPeople(tx, null);
  // The quarter's contracts and leads are read once, for every person and every team.
  const data = await quarterData(deps, tx, quarter, date, { leads: true });
  const figures = figuresOf(deps, data, people);
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
  // What is stored is what is told: a second bot's run at the same moment tells the stored result.
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
        newClientsPerMonthTarget: f.newClientsPerMonthTarget,
        newClientsMissed: f.newClientsMissed,
        collectionRateBp: review.collectionRateBp,
        collectionTargetPercent: f.collectionTargetPercent,
        planDueBy: review.passed ? null : planDueBy(deps, review.computedAt),
      },
    });
  }

  const names = new Map(people.map((p) => [p.id, p]));
  const nameOf = (id: string) => names.get(id)?.name ?? id;
  const bonus = reviews
    .filter((r) => r.bonusMultiple > 0)
    .sort((a, b) => a.rank - b.rank)
    .map((r) => {
      const salary = names.get(r.personId)?.monthlySalaryFen ?? null;
      return { name: nameOf(r.personId), attainmentBp: r.attainmentBp, multiple: r.bonusMultiple, bonusFen: salary === null ? null : salary * r.bonusMultiple };
    });
  const retraining = await failedInARow(tx, reviews, quarter, kpi.failedReviewsBeforeRetraining);
  for (const dm of await tx.directory.withRole('department_manager')) {
    entries.push({ dedupeKey: `review_bonus:${dm.id}:${quarter}`, personId: dm.id, notice: { kind: 'review_bonus', quarter, reviewed: reviews.length, items: bonus } });
    if (retraining.length) {
      entries.push({
        dedupeKey: `review_retraining:${dm.id}:${quarter}`,
        personId: dm.id,
        notice: { kind: 'review_retraining', quarter, times: kpi.failedReviewsBeforeRetraining, names: retraining.map(nameOf) },
      });
    }
  }

  for (const rm of await tx.directory.withRole('regional_manager')) {
    const team = people.filter((p) => p.region === rm.region);
    const figuresOfTeam = teamFiguresOf(deps, data, team, rm.region);
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
        failed: teamReviews.filter((r) => !r.passed).map((r) => nameOf(r.personId)),
        newAClients: figuresOfTeam.newAClients,
        travelFundAClients: figuresOfTeam.travelFundAClients,
      },
    });
  }
  return entries;
}

/**
 * KPI-4 reminders: each person whose latest review failed and who has no
 * plan for it hears once when policy.kpi.planReminderDaysBefore or fewer days are left and
 * once when it is overdue, and so does their manager. A first sight already
 * past the deadline says only "overdue".
 */
async function planReminders(deps: CoreDeps, tx: Tx, date: IsoDate): Promise<OutboxEntry[]> {
  const open = await tx.performance.plansMissing();
  if (!open.length) return [];
  const chart = await orgChart(tx);
  const entries: OutboxEntry[] = [];
  for (const review of open) {
    const person = chart.byId.get(review.personId);
    if (!person) continue;
    const dueBy = planDueBy(deps, review.computedAt);
    const stage = date > dueBy ? 'overdue' : addDays(date, deps.policy.kpi.planReminderDaysBefore) >= dueBy ? 'soon' : null;
    if (stage === null) continue;
    const about = { kind: 'plan_due' as const, quarter: review.quarter, person: person.name, dueBy, overdue: stage === 'overdue' };
    entries.push({ dedupeKey: `plan_due:${person.id}:${review.quarter}:${stage}:to:${person.id}`, personId: person.id, notice: { ...about, toManager: false } });
    const manager = person.managerId ? chart.byId.get(person.managerId) : undefined;
    if (manager) entries.push({ dedupeKey: `plan_due:${person.id}:${review.quarter}:${stage}:to:${manager.id}`, personId: manager.id, notice: { ...about, toManager: true } });
  }
  return entries;
}

/** KPI-6: of this quarter's failed, those who failed each of the `times` quarters up to it; each earlier quarter is read once. */
async function failedInARow(tx: Tx, reviews: QuarterReview[], quarter: Quarter, times: number): Promise<string[]> {
  let flagged = reviews.filter((r) => !r.passed).map((r) => r.personId);
  let q = quarter;
  for (let failed = 1; failed < times && flagged.length; failed++) {
    q = previousQuarter(q);
    const failedThen = new Set((await tx.performance.reviewsIn(q)).filter((r) => !r.passed).map((r) => r.personId));
    flagged = flagged.filter((id) => failedThen.has(id));
  }
  return flagged;
}
