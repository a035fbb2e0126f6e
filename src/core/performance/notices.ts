/**
 * What the performance review tells people on its own (KPI-2..7): part of the
 * Notice union, put into words by views/performance-notice-view.ts.
 * Amounts are fen; dates and months are already the company's calendar.
 */
export type PerformanceNotice =
  /** KPI-2: to the person, with an Agree button that carries the goal's version (set_at, epoch ms). */
  | { kind: 'goal_set'; month: string; by: string; salesFen: number; newClients: number; note: string | null; version: number }
  /** KPI-2: to whoever set the goal. */
  | { kind: 'goal_agreed'; month: string; person: string }
  /** KPI-4: to the person's manager. */
  | { kind: 'plan_submitted'; person: string; quarter: string; text: string; dueBy: string; late: boolean }
  /** KPI-2 on the month's first working day: a manager, with their people who have no goal yet. */
  | { kind: 'goals_due_manager'; month: string; missing: string[] }
  /** KPI-2 on the month's first working day: each reviewed person. */
  | { kind: 'goals_due_staff'; month: string }
  /** KPI-3: finance is asked to check and lock the previous month. */
  | { kind: 'finance_check'; month: string; salesFen: number; contracts: number; receivedFen: number }
  /** KPI-1, KPI-4: a person's review result; when failed, the plan's deadline. */
  | {
      kind: 'review_result';
      quarter: string;
      passed: boolean;
      salesFen: number;
      salesTargetFen: number;
      newClients: number;
      newClientsTarget: number;
      /** KPI-1 counts new clients per month: the monthly target and the months that missed it. */
      newClientsPerMonthTarget: number;
      newClientsMissed: string[];
      collectionRateBp: number | null;
      collectionTargetPercent: number;
      /** KPI-5: standing among the `ranked` people who passed; null when not passed. */
      standing: number | null;
      ranked: number;
      planDueBy: string | null;
    }
  /** KPI-5: the quarter's standings of those who passed, to the department manager (no bonus: that is yearly). */
  | { kind: 'review_standing'; quarter: string; reviewed: number; items: { name: string; rank: number; attainmentBp: number }[] }
  /** KPI-5: the year-end bonus, ranked once after the fourth quarter's review, to the department manager. */
  | { kind: 'year_bonus'; year: number; ranked: number; items: { name: string; rank: number; attainmentBp: number; multiple: number; bonusFen: number | null }[] }
  /** KPI-6: failed reviews in a row, to the department manager. */
  | { kind: 'review_retraining'; quarter: string; times: number; names: string[] }
  /** KPI-7: a region's quarter, to its regional manager, naming who failed. */
  | { kind: 'review_team'; quarter: string; region: string; newClients: number; newClientsTarget: number; passed: number; reviewed: number; failed: string[]; newAClients: number; travelFundAClients: number }
  /** KPI-7: the month before's lead → signed conversion of a region, per person, and the quarter's pace; to its regional manager. */
  | {
      kind: 'conversion_region';
      month: string;
      quarter: string;
      region: string;
      people: { name: string; leads: number; signed: number }[];
      leads: number;
      signed: number;
      newClients: number;
      newClientsTarget: number;
      monthsLeft: number;
      neededPerMonth: number | null;
    }
  /** KPI-7: every region's conversion and pace side by side; to the department manager. */
  | {
      kind: 'conversion_all';
      month: string;
      quarter: string;
      monthsLeft: number;
      newClientsTarget: number;
      regions: { region: string; leads: number; signed: number; newClients: number; neededPerMonth: number | null }[];
    }
  /** KPI-4: an improvement plan not submitted, due soon or overdue; to the person, and (toManager) to their manager. */
  | { kind: 'plan_due'; quarter: string; person: string; dueBy: string; overdue: boolean; toManager: boolean };
