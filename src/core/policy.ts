/**
 * Every number of policy.md as one typed object. Code reads the rules from
 * here, never from a literal; a company changes them with POLICY_FILE.
 *
 * Money is integer fen here (keys ending in `Fen`), like every amount the
 * core stores and compares, and the percents the core compares with basis
 * points are basis points (keys ending in `Bp`, hundredths of a percent).
 * policy.md and the policy file speak in yuan and percent; they are
 * converted once, by yuanToFen and percentToBp, when the file is read and
 * for the defaults below, so no rule multiplies a policy value by 100 (one
 * forgotten `* 100` would make that rule 100 times off without a sound).
 */
export interface Policy {
  leads: {
    /** LEAD-1: target companies per working day. */
    dailyTarget: number;
    /** Longest company name accepted. */
    companyNameMaxLength: number;
    /**
     * `/lead paste`: a province or city named in a pasted page (its address,
     * its 所属地区, its name) → the org's region pre-filled in the lead form,
     * e.g. { 上海: '华东', 广东: '华南' }. Empty: the region is left to the person.
     */
    regionByPlace: Record<string, string>;
  };
  clients: {
    /** CLI-1: annual purchase (fen) strictly above which a client is A. */
    gradeAAboveFen: number;
    /** CLI-1: annual purchase (fen) strictly above which a client is B. */
    gradeBAboveFen: number;
    /** CLI-2: visits an A-class client gets per quarter at least. */
    aClassVisitsPerQuarter: number;
    /** CLI-3: months between follow-up visits of a customer. */
    followUpEveryMonths: number;
    /** CLI-4: hours to the first response of an after-sales request. */
    ticketResponseHours: number;
  };
  pipeline: {
    /** PIPE-2: questions of the needs checklist. */
    needsQuestions: number;
  };
  contracts: {
    /** CON-1: longest payment term in days. */
    maxPaymentTermDays: number;
    /** CON-1: penalty for breach, in basis points (5% is 500), as a contract's penaltyBp. */
    penaltyBp: number;
  };
  incentives: {
    /** INC-1: reward percent of a new client's contract by grade. */
    newClientRewardPercent: { A: number; B: number; C: number };
    /** INC-2: new A clients in one quarter that earn the travel fund. */
    travelFundAClients: number;
    /** INC-2: amount of the travel fund (fen). */
    travelFundAmountFen: number;
  };
  kpi: {
    /** KPI-1: a person's sales per quarter (fen). */
    quarterlySalesTargetFen: number;
    newClientsPerMonthSales: number;
    newClientsPerMonthPromotion: number;
    /** KPI-1: the collection rate a person must reach, in basis points (95% is 9500), as figures' rateBp. */
    collectionRateBp: number;
    improvementPlanDays: number;
    /** KPI-4: days before a plan's deadline that the person and their manager are reminded. */
    planReminderDaysBefore: number;
    bonusTopPercent: number;
    bonusTiers: { topPercent: number; salaryMultiple: number }[];
    /** KPI-5: how a tier's share of the ranked people is rounded to whole people ('floor': 20% of 9 is 1). */
    bonusRounding: 'floor' | 'nearest' | 'ceil';
    failedReviewsBeforeRetraining: number;
    teamNewClientsPerQuarter: number;
  };
  expenses: {
    /** EXP-1: up to this amount (fen) the regional manager alone approves. */
    regionalManagerUpToFen: number;
    /** EXP-1: up to this amount (fen) the department manager approves too; above, finance as well. */
    departmentManagerUpToFen: number;
    /** EXP-1: benchmark cost per event (fen); a request above it is marked. */
    eventBenchmarkFen: number;
    /** Working days a step may wait before it is escalated. */
    escalateAfterWorkingDays: number;
    /**
     * EXP-1 at the top of the org: the person id who approves a manager step
     * that nobody else may hold (the requester's own, or only their
     * subordinates'), e.g. the department manager's own request. Null: such
     * a request is refused (top_approver_needed).
     */
    topApprover: string | null;
  };
  reminders: {
    leadsMorning: string;
    leadsNudge: string;
    followups: string;
    approvalsWaiting: string;
    paymentsDue: string;
    /** CON-1: days before a payment's due date that the owner and finance are reminded. */
    paymentsDueWithinDays: number;
    /** CLI-4: hours before the response deadline that the owner is warned (the sla job runs hourly). */
    ticketWarnHours: number;
    /** KPI-2: the local time on the month's first working day that goals are asked for. */
    monthlyGoals: string;
    /** KPI-3: finance's monthly check, on this working day of the month, at `financeCheck`. */
    financeCheck: string;
    financeCheckWorkingDay: number;
    /** KPI-3..6: the review of the quarter just ended, on the new quarter's first working day. */
    quarterlyReview: string;
    /** KPI-7: the local time on the month's first working day that managers get the month before's conversion. */
    monthlyConversion: string;
    /** Reminders are only sent between these local times. */
    quietBefore: string;
    quietAfter: string;
    /** Days an overdue follow-up waits before the manager's digest shows it. */
    managerGraceDays: number;
  };
  calendar: {
    /** Extra days off (YYYY-MM-DD), for years the holiday library does not know yet. */
    extraHolidays: string[];
    /** Extra make-up working days (调休), likewise. */
    extraWorkdays: string[];
  };
}

/**
 * Yuan, as policy.md and the policy file write money, to integer fen.
 * Throws RangeError for an amount that is not finite, has more than 2
 * decimals (fen are the smallest unit: 0.001 yuan cannot be kept) or is too
 * large to count in fen exactly.
 */
export function yuanToFen(yuan: number): number {
  return hundredths(yuan, 'yuan', 'fen');
}

/** A percent, as policy.md writes it, to basis points (hundredths of a percent): 5 → 500, 2.5 → 250. Throws RangeError like yuanToFen. */
export function percentToBp(percent: number): number {
  return hundredths(percent, 'percent', 'basis points');
}

function hundredths(value: number, unit: string, to: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${value} ${unit} is not a finite number`);
  const out = Math.round(value * 100);
  // Exact for 2 decimals: out / 100 is then the very number written (0.29 → 29 → 0.29), and for 3 or more it is not (1.005 → 100 → 1).
  if (out / 100 !== value) throw new RangeError(`${value} ${unit} has more than 2 decimals; ${to} are whole`);
  if (!Number.isSafeInteger(out)) throw new RangeError(`${value} ${unit} is too large to count in whole ${to}`);
  return out === 0 ? 0 : out;
}

/** policy.md's numbers, its money in yuan and its percents converted once, here. */
export const DEFAULT_POLICY: Policy = {
  leads: { dailyTarget: 5, companyNameMaxLength: 100, regionByPlace: {} },
  clients: {
    gradeAAboveFen: yuanToFen(5_000_000),
    gradeBAboveFen: yuanToFen(1_000_000),
    aClassVisitsPerQuarter: 2,
    followUpEveryMonths: 1,
    ticketResponseHours: 48,
  },
  pipeline: { needsQuestions: 10 },
  contracts: { maxPaymentTermDays: 60, penaltyBp: percentToBp(5) },
  incentives: {
    newClientRewardPercent: { A: 3, B: 2, C: 1 },
    travelFundAClients: 3,
    travelFundAmountFen: yuanToFen(20_000),
  },
  kpi: {
    quarterlySalesTargetFen: yuanToFen(1_000_000),
    newClientsPerMonthSales: 3,
    newClientsPerMonthPromotion: 5,
    collectionRateBp: percentToBp(95),
    improvementPlanDays: 7,
    planReminderDaysBefore: 2,
    bonusTopPercent: 20,
    bonusTiers: [
      { topPercent: 5, salaryMultiple: 3 },
      { topPercent: 10, salaryMultiple: 2 },
      { topPercent: 20, salaryMultiple: 1 },
    ],
    bonusRounding: 'floor',
    failedReviewsBeforeRetraining: 2,
    teamNewClientsPerQuarter: 10,
  },
  expenses: {
    regionalManagerUpToFen: yuanToFen(10_000),
    departmentManagerUpToFen: yuanToFen(50_000),
    eventBenchmarkFen: yuanToFen(35_000),
    escalateAfterWorkingDays: 2,
    topApprover: null,
  },
  reminders: {
    leadsMorning: '09:00',
    leadsNudge: '16:30',
    followups: '09:30',
    approvalsWaiting: '10:00',
    paymentsDue: '09:30',
    paymentsDueWithinDays: 3,
    ticketWarnHours: 12,
    monthlyGoals: '09:00',
    financeCheck: '09:00',
    financeCheckWorkingDay: 3,
    quarterlyReview: '09:00',
    monthlyConversion: '09:00',
    quietBefore: '08:00',
    quietAfter: '20:00',
    managerGraceDays: 7,
  },
  calendar: { extraHolidays: [], extraWorkdays: [] },
};
