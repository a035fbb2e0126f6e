import { isManagerRole } from '../people.ts';
import { collectionRate, dueIn, figuresOf, quarterData, teamTotalsOf, type PersonFigures } from '../performance/figures.ts';
import { monthFigures } from '../performance/finance.ts';
import { instants, monthOfDate, monthsOf, nthWorkingDay, previousMonth, previousQuarter, quarterOfDate, type Period } from '../performance/periods.ts';
import { planDueBy } from '../performance/plan.ts';
import { rankYear, standings, type RankEntry } from '../performance/review.ts';
import { orgChart, reviewedPeople } from '../performance/team.ts';
import type { Quarter, QuarterReview, SignedContract, YearBonus } from '../performance/types.ts';
import type { OutboxEntry } from '../notices.ts';
import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { addDays, type IsoDate } from '../time.ts';
import { calendarWarning, jobWindow, type JobOutcome } from './job-window.ts';

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
      entries.push({ dedupeKey: `monthly_goals:${manager.id}:${month}`, personId: manager.id, notice: { kind: 'goals_due_manager', month, missing, ...calendarWarning(window) } });
    }
    for (const person of everyone) entries.push({ dedupeKey: `monthly_goals:${person.id}:${month}`, personId: person.id, notice: { kind: 'goals_due_staff', month, ...calendarWarning(window) } });
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
      notice: { kind: 'finance_check', month: checked, salesFen: figures.salesFen, contracts: figures.contracts, receivedFen: figures.receivedFen, ...calendarWarning(window) },
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
 * reviewed on the first run after finance has locked all three of its
 * months (the finance-check job asks finance to do so), not on the new
 * quarter's first working day: until then the review waits and nothing is
 * said about it. It is computed once (unique per person and quarter; a run
 * that finds the quarter's reviews stored does not compute it again): each
 * person hears their result and standing among those who passed, and those
 * who failed when their improvement plan is due (KPI-4); the department
 * manager gets the quarter's standings (KPI-5) and whoever failed
 * failedReviewsBeforeRetraining reviews in a row (KPI-6); each regional
 * manager their team's quarter, naming who failed (KPI-7). After the fourth
 * quarter's review, in the same transaction, the year's bonus ranking is
 * made once (yearBonus) and sent to the department manager.
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
  const result = await deps.store.transaction(async (tx) => {
    const entries: OutboxEntry[] = [];
    if ((await allLocked(tx, quarter)) && (await tx.performance.reviewsIn(quarter)).length === 0) {
      entries.push(...(await reviewQuarter(deps, tx, quarter, date, at)));
    }
    entries.push(...(await planReminders(deps, tx, date)));
    return { ok: true as const, value: await enqueueAll(tx, entries, at) };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/** KPI-3: every month of the quarter checked and locked by finance. */
async function allLocked(tx: Tx, quarter: Quarter): Promise<boolean> {
  for (const month of monthsOf(quarter)) if (!(await tx.performance.lockOf(month))) return false;
  return true;
}

/** The latest signing of each owner among `signed`: KPI-5's last tie-break. */
const lastSigningByOwner = (signed: Iterable<SignedContract>): Map<string, Date> => {
  const last = new Map<string, Date>();
  for (const c of signed) {
    const known = last.get(c.ownerId);
    if (!known || c.signedAt > known) last.set(c.ownerId, c.signedAt);
  }
  return last;
};

const rankEntry = (f: PersonFigures, lastSigned: Map<string, Date>): RankEntry => ({
  personId: f.person.id,
  attainmentBp: f.attainmentBp,
  salesFen: f.salesFen,
  collectionRateBp: f.collection?.rateBp ?? null,
  lastSignedAt: lastSigned.get(f.person.id) ?? null,
});

async function reviewQuarter(deps: CoreDeps, tx: Tx, quarter: Quarter, date: IsoDate, at: Date): Promise<OutboxEntry[]> {
  const kpi = deps.policy.kpi;
  const people = await reviewedPeople(tx, null);
  // The quarter's contracts are read once, for every person and every team.
  const data = await quarterData(deps, tx, quarter, date);
  const figures = figuresOf(deps, data, people);
  // KPI-5: a quarter shows each person's standing among those who passed; the bonus itself is ranked once a year (yearBonus).
  const lastSigned = lastSigningByOwner([...data.signedByOwner.values()].flat());
  const standing = standings(figures.filter((f) => f.passed).map((f) => rankEntry(f, lastSigned)));
  await tx.performance.addReviews(
    figures.map((f) => ({
      personId: f.person.id,
      quarter,
      salesFen: f.salesFen,
      newClients: f.newClients,
      collectionRateBp: f.collection?.rateBp ?? null,
      attainmentBp: f.attainmentBp,
      passed: f.passed,
      rank: standing.get(f.person.id) ?? null,
      bonusMultiple: 0,
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
        standing: review.rank,
        ranked: standing.size,
        planDueBy: review.passed ? null : planDueBy(deps, review.computedAt),
      },
    });
  }

  const names = new Map(people.map((p) => [p.id, p]));
  const nameOf = (id: string) => names.get(id)?.name ?? id;
  const standingItems = reviews
    .filter((r): r is QuarterReview & { rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.personId.localeCompare(b.personId))
    .map((r) => ({ name: nameOf(r.personId), rank: r.rank, attainmentBp: r.attainmentBp }));
  const retraining = await failedInARow(tx, reviews, quarter, kpi.failedReviewsBeforeRetraining);
  const year = quarter.endsWith('Q4') ? await yearBonus(deps, tx, Number(quarter.slice(0, 4)), date, at) : null;
  for (const dm of await tx.directory.withRole('department_manager')) {
    entries.push({ dedupeKey: `review_standing:${dm.id}:${quarter}`, personId: dm.id, notice: { kind: 'review_standing', quarter, reviewed: reviews.length, items: standingItems } });
    if (year) entries.push({ dedupeKey: `year_bonus:${dm.id}:${year.year}`, personId: dm.id, notice: year });
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
    const figuresOfTeam = teamTotalsOf(deps, data, team, rm.region);
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
 * KPI-5's year-end bonus, made once after the fourth quarter's review, from
 * the year's stored quarter reviews:
 * - ranked are those reviewed in the fourth quarter who failed none of the
 *   year's quarterly reviews ("only those who passed are ranked");
 * - attainment = their sales in the quarters they were reviewed ÷ (the
 *   quarterly target × those quarters), so a person who joined in the
 *   autumn is measured on the quarters they worked;
 * - ties are broken by those sales, then the year's collection rate
 *   (collectionOf over the whole year), then the earlier latest signing of
 *   the year (rankForBonus); tiers as rankForBonus fills them.
 * Stored in year_bonuses (once per person and year; a second run stores
 * nothing new) and answered as the department manager's notice, as stored.
 */
async function yearBonus(deps: CoreDeps, tx: Tx, year: number, date: IsoDate, at: Date): Promise<Extract<OutboxEntry['notice'], { kind: 'year_bonus' }>> {
  const quarters = [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  const reviewsByQuarter: QuarterReview[][] = [];
  for (const q of quarters) reviewsByQuarter.push(await tx.performance.reviewsIn(q));
  const yearPeriod: Period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const due = await dueIn(tx, yearPeriod, date);
  const bounds = instants(yearPeriod, deps.timezone);
  const lastSigned = lastSigningByOwner(await tx.performance.signedBetween(bounds.from, bounds.to));
  const { rows, ranked } = rankYear(deps.policy, reviewsByQuarter, (personId) => collectionRate(due.filter((d) => d.ownerId === personId))?.rateBp ?? null, lastSigned);
  await tx.performance.addYearBonuses(
    rows.map((r): YearBonus => ({ personId: r.personId, year, quarters: r.quarters, salesFen: r.salesFen, attainmentBp: r.attainmentBp, rank: ranked.get(r.personId)!.rank, bonusMultiple: ranked.get(r.personId)!.bonusMultiple, computedAt: at })),
  );
  const stored = await tx.performance.yearBonuses(year);
  const people = new Map<string, Person>();
  for (const row of stored) {
    const person = await tx.directory.personById(row.personId);
    if (person) people.set(row.personId, person);
  }
  return {
    kind: 'year_bonus',
    year,
    ranked: stored.length,
    items: stored
      .filter((r) => r.bonusMultiple > 0)
      .map((r) => {
        const salary = people.get(r.personId)?.monthlySalaryFen ?? null;
        return { name: people.get(r.personId)?.name ?? r.personId, rank: r.rank, attainmentBp: r.attainmentBp, multiple: r.bonusMultiple, bonusFen: salary === null ? null : salary * r.bonusMultiple };
      }),
  };
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
