import type { Policy } from '../policy.ts';

export interface Ranked {
  rank: number;
  /** KPI-5: months of salary as year-end bonus; 0 outside the top. */
  bonusMultiple: number;
}

/**
 * KPI-5: rank a quarter's reviews by attainment (sales ÷ target), best first;
 * equal attainment shares a rank (1, 2, 2, 4). A person is in the "top p%"
 * when their rank is within p% of everyone reviewed (rank × 100 ≤ p × N), so
 * nobody is lifted into a tier by rounding: of 10 people the best is in the
 * top 10% (2×) and the second in the top 20% (1×); 3× needs 20 people.
 * Each person gets the multiple of the smallest tier they are in, and only
 * within bonusTopPercent. Nobody with no sales gets a bonus.
 */
export function rankForBonus(policy: Policy, entries: { personId: string; attainmentBp: number; salesFen: number }[]): Map<string, Ranked> {
  const sorted = [...entries].sort((a, b) => b.attainmentBp - a.attainmentBp || a.personId.localeCompare(b.personId));
  const tiers = [...policy.kpi.bonusTiers].sort((a, b) => a.topPercent - b.topPercent);
  const n = sorted.length;
  const result = new Map<string, Ranked>();
  sorted.forEach((entry, index) => {
    const previous = sorted[index - 1];
    const rank = previous && previous.attainmentBp === entry.attainmentBp ? result.get(previous.personId)!.rank : index + 1;
    const inTop = (percent: number) => rank * 100 <= percent * n;
    const tier = entry.salesFen > 0 && inTop(policy.kpi.bonusTopPercent) ? tiers.find((t) => inTop(t.topPercent)) : undefined;
    result.set(entry.personId, { rank, bonusMultiple: tier?.salaryMultiple ?? 0 });
  });
  return result;
}
