import type { IsoDate } from '../time.ts';
import type { FinanceLock, ImprovementPlan, Month, MonthConversion, MonthlyGoal, Quarter, QuarterReview, Receivable, ReceivedPayment, ReporterConversion, SignedContract, SignedSale, YearBonus } from './types.ts';

/**
 * What the performance review (KPI-1..7) needs from the store. The contracts,
 * payments and leads are written by their own commands; this port only
 * reads them, and keeps goals, reviews, plans and finance locks.
 */
export interface PerformancePort {
  /** Contracts signed (status signed) with `signed_at` in [from, to). */
  signedBetween(from: Date, to: Date): Promise<SignedContract[]>;
  /** Signed contracts due on or before `upTo`, with what was paid on each before `from` and up to `upTo`. */
  receivablesUpTo(from: IsoDate, upTo: IsoDate): Promise<Receivable[]>;
  /** Payments dated in [from, to], with the owner of their contract. */
  paymentsBetween(from: IsoDate, to: IsoDate): Promise<ReceivedPayment[]>;
  /**
   * Each reporter's conversion over the work dates [from, to], counted in the
   * database: the companies they reported as leads (a company has one lead,
   * so no company counts for two reporters) and how many of those had a
   * contract signed (any owner) before `signedBefore` (KPI-7's monthly
   * conversion counts what a month's leads had signed by its end).
   * Reporters without a lead are left out.
   */
  conversionByReporter(from: IsoDate, to: IsoDate, signedBefore: Date): Promise<ReporterConversion[]>;
  /**
   * A team's lead → signed conversion, counted in the database (a region of
   * 200 reports a quarter of ~60,000 leads): for each month with work dates
   * in [from, to], the companies `reporterIds` reported as leads (a company
   * has one lead) and how many of those have a signed contract (any owner, any time).
   * Months without a lead are left out.
   */
  leadConversion(from: IsoDate, to: IsoDate, reporterIds: readonly string[]): Promise<MonthConversion[]>;

  /**
   * The signed contracts of these owners with `signed_at` in [from, to): only
   * owner, amount and instant, what the monthly attainment charts add up.
   */
  salesOf(ownerIds: string[], from: Date, to: Date): Promise<SignedSale[]>;

  goal(personId: string, month: Month): Promise<MonthlyGoal | null>;
  /** One person's goals for the months from `fromMonth` to `toMonth`, both included, in month order. */
  goalsBetween(personId: string, fromMonth: Month, toMonth: Month): Promise<MonthlyGoal[]>;
  goalsIn(month: Month): Promise<MonthlyGoal[]>;
  /** Writes the goal unless it was already agreed; false (nothing written) when it was. */
  setGoal(goal: Omit<MonthlyGoal, 'agreedAt'>): Promise<boolean>;
  /** Marks the goal agreed if it is still the one set at `setAt`; false when there is none, it was agreed already or set again since. */
  agreeGoal(personId: string, month: Month, at: Date, setAt: Date): Promise<boolean>;

  /** Adds the reviews not stored yet (unique per person and quarter); answers those it added. */
  addReviews(reviews: QuarterReview[]): Promise<QuarterReview[]>;
  reviewsIn(quarter: Quarter): Promise<QuarterReview[]>;
  review(personId: string, quarter: Quarter): Promise<QuarterReview | null>;
  /** Adds the year's bonus rows not stored yet (unique per person and year). */
  addYearBonuses(rows: YearBonus[]): Promise<void>;
  yearBonuses(year: number): Promise<YearBonus[]>;
  /** The person's latest review, passed or not, or null. */
  latestReview(personId: string): Promise<QuarterReview | null>;

  /** Each person's latest review when it failed and has no improvement plan yet (KPI-4 reminders). */
  plansMissing(): Promise<QuarterReview[]>;

  /** Writes or replaces the plan for that quarter. */
  savePlan(plan: ImprovementPlan): Promise<void>;
  plan(personId: string, quarter: Quarter): Promise<ImprovementPlan | null>;

  /** False when the month was locked already (nothing changed). */
  lock(lock: FinanceLock): Promise<boolean>;
  lockOf(month: Month): Promise<FinanceLock | null>;
}
