import { percentToBp, type Policy } from '../policy.ts';

/**
 * The numbered rules of policy.md, as a person reads and acknowledges them
 * (TRN-1), in policy.md's order and sections. Each rule's values are read
 * from the policy object, so `/policy` shows the policy as the company
 * configured it, and a rule's version (versions.ts) changes exactly when one
 * of its values does.
 */
export const RULE_SECTIONS = {
  leads: ['LEAD-1', 'LEAD-2', 'LEAD-3', 'CLI-1', 'CLI-2', 'CLI-3', 'CLI-4'],
  sales: ['PIPE-1', 'PIPE-2', 'PIPE-3', 'PIPE-4'],
  contracts: ['CON-1', 'CON-2', 'CON-3'],
  incentives: ['INC-1', 'INC-2'],
  kpi: ['KPI-1', 'KPI-2', 'KPI-3', 'KPI-4', 'KPI-5', 'KPI-6', 'KPI-7'],
  marketing: ['EXP-1', 'PROMO-1'],
  security: ['SEC-1', 'SEC-2', 'SEC-3'],
  training: ['TRN-1'],
} as const;

export type RuleSection = keyof typeof RULE_SECTIONS;
export type RuleId = (typeof RULE_SECTIONS)[RuleSection][number];

export const RULE_IDS: readonly RuleId[] = Object.values(RULE_SECTIONS).flat();

/**
 * A value of a rule as the policy holds it: money in fen and percents in
 * basis points stay tagged, so the view formats them in the reader's
 * language (yuan, %) and the version hashes what the policy holds.
 */
export type RuleValue = number | string | { fen: number } | { bp: number };

export type RuleValues = Readonly<Record<string, RuleValue>>;

const fen = (value: number) => ({ fen: value });
const bp = (value: number) => ({ bp: value });
// Whole percents of the policy (INC-1, KPI-5) shown as the other percents are: through the one conversion.
const percent = (value: number) => ({ bp: percentToBp(value) });

/** Each rule's configurable values; a rule whose text has no number has none. */
const VALUES: Record<RuleId, (p: Policy) => RuleValues> = {
  'LEAD-1': (p) => ({ target: p.leads.dailyTarget }),
  'LEAD-2': () => ({}),
  'LEAD-3': () => ({}),
  'CLI-1': (p) => ({ aAbove: fen(p.clients.gradeAAboveFen), bAbove: fen(p.clients.gradeBAboveFen) }),
  'CLI-2': (p) => ({ visits: p.clients.aClassVisitsPerQuarter }),
  'CLI-3': (p) => ({ months: p.clients.followUpEveryMonths }),
  'CLI-4': (p) => ({ hours: p.clients.ticketResponseHours }),
  'PIPE-1': () => ({}),
  'PIPE-2': (p) => ({ questions: p.pipeline.needsQuestions }),
  'PIPE-3': () => ({}),
  'PIPE-4': () => ({}),
  'CON-1': (p) => ({ days: p.contracts.maxPaymentTermDays, penalty: bp(p.contracts.penaltyBp) }),
  'CON-2': () => ({}),
  'CON-3': () => ({}),
  'INC-1': (p) => ({
    a: percent(p.incentives.newClientRewardPercent.A),
    b: percent(p.incentives.newClientRewardPercent.B),
    c: percent(p.incentives.newClientRewardPercent.C),
  }),
  'INC-2': (p) => ({ clients: p.incentives.travelFundAClients, amount: fen(p.incentives.travelFundAmountFen) }),
  'KPI-1': (p) => ({
    sales: fen(p.kpi.quarterlySalesTargetFen),
    clientsSales: p.kpi.newClientsPerMonthSales,
    clientsPromotion: p.kpi.newClientsPerMonthPromotion,
    collection: bp(p.kpi.collectionRateBp),
  }),
  'KPI-2': () => ({}),
  'KPI-3': (p) => ({ day: p.reminders.financeCheckWorkingDay }),
  'KPI-4': (p) => ({ days: p.kpi.improvementPlanDays }),
  'KPI-5': (p) => ({
    top: percent(p.kpi.bonusTopPercent),
    // The tiers as symbols every language reads: "5% 3×, 10% 2×, 20% 1×".
    tiers: p.kpi.bonusTiers.map((tier) => `${tier.topPercent}% ${tier.salaryMultiple}×`).join(', '),
  }),
  'KPI-6': (p) => ({ reviews: p.kpi.failedReviewsBeforeRetraining }),
  'KPI-7': (p) => ({ clients: p.kpi.teamNewClientsPerQuarter }),
  'EXP-1': (p) => ({
    regional: fen(p.expenses.regionalManagerUpToFen),
    department: fen(p.expenses.departmentManagerUpToFen),
    benchmark: fen(p.expenses.eventBenchmarkFen),
    days: p.expenses.escalateAfterWorkingDays,
    top: p.expenses.topApprover ?? '-',
  }),
  'PROMO-1': () => ({}),
  'SEC-1': () => ({}),
  'SEC-2': () => ({}),
  'SEC-3': () => ({}),
  'TRN-1': () => ({}),
};

export const ruleValues = (policy: Policy, rule: RuleId): RuleValues => VALUES[rule](policy);

/** `exp-1`, `EXP-1`, `ＥＸＰ－１`, `exp1` → 'EXP-1'; anything else → null. */
export function ruleIdOf(word: string): RuleId | null {
  const halfWidth = word.normalize('NFKC').trim().toUpperCase().replace(/[‐-―−－]/g, '-');
  const dashed = halfWidth.replace(/^([A-Z]+)-?(\d+)$/, '$1-$2');
  return (RULE_IDS as readonly string[]).includes(dashed) ? (dashed as RuleId) : null;
}
