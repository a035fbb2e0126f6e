/**
 * Every number of policy.md as one typed object. Code reads the rules from
 * here, never from a literal; a company changes them with POLICY_FILE.
 * Money is integer yuan here (the policy speaks in whole CNY); the core turns
 * it into fen where it compares with stored amounts.
 */
export interface Policy {
  leads: {
    /** LEAD-1: target companies per working day. */
    dailyTarget: number;
    /** Longest company name accepted. */
    companyNameMaxLength: number;
  };
  clients: {
    /** CLI-1: annual purchase (CNY) strictly above which a client is A. */
    gradeAAbove: number;
    /** CLI-1: annual purchase (CNY) strictly above which a client is B. */
    gradeBAbove: number;
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
    /** CON-1: penalty for breach, percent. */
    penaltyPercent: number;
  };
  incentives: {
    /** INC-1: reward percent of a new client's contract by grade. */
    newClientRewardPercent: { A: number; B: number; C: number };
    /** INC-2: new A clients in one quarter that earn the travel fund. */
    travelFundAClients: number;
    /** INC-2: amount of the travel fund (CNY). */
    travelFundAmount: number;
  };
  kpi: {
    quarterlySalesTarget: number;
    newClientsPerMonthSales: number;
    newClientsPerMonthPromotion: number;
    collectionRatePercent: number;
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
    /** EXP-1: up to this amount the regional manager alone approves. */
    regionalManagerUpTo: number;
    /** EXP-1: up to this amount the department manager approves too; above, finance as well. */
    departmentManagerUpTo: number;
    /** EXP-1: benchmark cost per event; a request above it is marked. */
    eventBenchmark: number;
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

export const DEFAULT_POLICY: Policy = {
  leads: { dailyTarget: 5, companyNameMaxLength: 100 },
  clients: {
    gradeAAbove: 5_000_000,
    gradeBAbove: 1_000_000,
    aClassVisitsPerQuarter: 2,
    followUpEveryMonths: 1,
    ticketResponseHours: 48,
  },
  pipeline: { needsQuestions: 10 },
  contracts: { maxPaymentTermDays: 60, penaltyPercent: 5 },
  incentives: {
    newClientRewardPercent: { A: 3, B: 2, C: 1 },
    travelFundAClients: 3,
    travelFundAmount: 20_000,
  },
  kpi: {
    quarterlySalesTarget: 1_000_000,
    newClientsPerMonthSales: 3,
    newClientsPerMonthPromotion: 5,
    collectionRatePercent: 95,
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
    regionalManagerUpTo: 10_000,
    departmentManagerUpTo: 50_000,
    eventBenchmark: 35_000,
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
    quietBefore: '08:00',
    quietAfter: '20:00',
    managerGraceDays: 7,
  },
  calendar: { extraHolidays: [], extraWorkdays: [] },
};
