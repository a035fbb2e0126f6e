import type { Policy } from '../policy.ts';
import type { QuarterReview } from './types.ts';

/** One person as KPI-5 orders them. */
export interface RankEntry {
  personId: string;
  attainmentBp: number;
  salesFen: number;
  /** Null when nothing was due: counts as 100% collected. */
  collectionRateBp: number | null;
  /** Their latest signing in the period: whoever reached their figure first ranks higher. Null: no signing. */
  lastSignedAt: Date | null;
}

export interface Ranked {
  /** 1 = best; people still tied after every tie-break share a rank (1, 2, 2, 4). */
  rank: number;
  /** KPI-5: months of salary as year-end bonus; 0 outside the tiers. */
  bonusMultiple: number;
}

/**
 * KPI-5's order, best first: target attainment, then sales, then collection
 * rate (nothing due counts as 100%), then the earlier latest signing (who
 * reached their figure first). Zero means tied on all four.
 */
export function compareForRank(a: RankEntry, b: RankEntry): number {
  const collected = (e: RankEntry) => e.collectionRateBp ?? 10_000;
  const signed = (e: RankEntry) => e.lastSignedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return b.attainmentBp - a.attainmentBp || b.salesFen - a.salesFen || collected(b) - collected(a) || (signed(a) === signed(b) ? 0 : signed(a) < signed(b) ? -1 : 1);
}

/** Standing of each entry in KPI-5's order: 1, 2, 2, 4 when two are tied on every tie-break. */
export function standings(entries: RankEntry[]): Map<string, number> {
  const sorted = [...entries].sort((a, b) => compareForRank(a, b) || a.personId.localeCompare(b.personId));
  const result = new Map<string, number>();
  sorted.forEach((entry, index) => {
    const previous = sorted[index - 1];
    result.set(entry.personId, previous && compareForRank(previous, entry) === 0 ? result.get(previous.personId)! : index + 1);
  });
  return result;
}

const ROUND = { floor: Math.floor, nearest: Math.round, ceil: Math.ceil } as const;

/**
 * How many of `ranked` people each tier holds (KPI-5), best tier first: a
 * tier at topPercent p ends at round(ranked × p / 100) people counted from
 * the top, rounded as policy.kpi.bonusRounding says (default floor, so a
 * share never rounds up: of 10 people the top 5% is nobody, the top 10% one
 * and the top 20% two); no tier reaches past bonusTopPercent.
 */
export function tierSizes(policy: Policy, ranked: number): { salaryMultiple: number; size: number }[] {
  const round = ROUND[policy.kpi.bonusRounding];
  const top = round((ranked * policy.kpi.bonusTopPercent) / 100);
  const tiers = [...policy.kpi.bonusTiers].sort((a, b) => a.topPercent - b.topPercent);
  let before = 0;
  return tiers.map((tier) => {
    const end = Math.max(before, Math.min(top, round((ranked * tier.topPercent) / 100)));
    const size = end - before;
    before = end;
    return { salaryMultiple: tier.salaryMultiple, size };
  });
}

/**
 * KPI-5's year-end bonus over the people given, who must be only those who
 * passed (the caller decides who passed). They are put in compareForRank's
 * order and the tiers filled from the top, each up to its size (tierSizes).
 * People still tied on every tie-break move together: a tied group that does
 * not fit in what is left of a tier goes to the next tier, and past the last
 * one gets nothing, so a tie never makes a tier larger than its size and a
 * lower-ranked person never gets more than a higher-ranked one. Nobody with
 * no sales gets a bonus.
 */
export function rankForBonus(policy: Policy, entries: RankEntry[]): Map<string, Ranked> {
  const rankOf = standings(entries);
  const sorted = [...entries].sort((a, b) => rankOf.get(a.personId)! - rankOf.get(b.personId)! || a.personId.localeCompare(b.personId));
  const groups: RankEntry[][] = [];
  for (const entry of sorted) {
    const last = groups.at(-1);
    if (last && rankOf.get(last[0]!.personId) === rankOf.get(entry.personId)) last.push(entry);
    else groups.push([entry]);
  }
  const tiers = tierSizes(policy, entries.length);
  const result = new Map<string, Ranked>();
  let tier = 0;
  let used = 0;
  for (const group of groups) {
    const eligible = group[0]!.salesFen > 0;
    while (eligible && tier < tiers.length && used + group.length > tiers[tier]!.size) {
      tier++;
      used = 0;
    }
    const multiple = eligible && tier < tiers.length ? tiers[tier]!.salaryMultiple : 0;
    if (multiple > 0) used += group.length;
    for (const entry of group) result.set(entry.personId, { rank: rankOf.get(entry.personId)!, bonusMultiple: multiple });
  }
  return result;
}

/**
 * KPI-5's year: who is ranked and how, from the year's four quarters of
 * stored reviews (Q1..Q4 in order). Ranked are those reviewed in the fourth
 * quarter who failed none of the year's reviews; attainment = their sales in
 * the quarters they were reviewed ÷ (quarterly target × those quarters); the
 * tie-breaks' collection rate and latest signing come from the caller (over
 * the whole year).
 */
export function rankYear(
  policy: Policy,
  reviewsByQuarter: QuarterReview[][],
  collectionOf: (personId: string) => number | null,
  lastSigned: Map<string, Date>,
): { rows: (RankEntry & { quarters: number })[]; ranked: Map<string, Ranked> } {
  const all = reviewsByQuarter.flat();
  const failedSome = new Set(all.filter((r) => !r.passed).map((r) => r.personId));
  const candidates = (reviewsByQuarter[3] ?? []).filter((r) => r.passed && !failedSome.has(r.personId)).map((r) => r.personId);
  const targetFen = policy.kpi.quarterlySalesTargetFen;
  const rows = candidates.map((personId) => {
    const mine = all.filter((r) => r.personId === personId);
    const salesFen = mine.reduce((sum, r) => sum + r.salesFen, 0);
    const attainmentBp = targetFen > 0 ? Math.floor((salesFen * 10_000) / (targetFen * mine.length)) : 0;
    return { personId, quarters: mine.length, salesFen, attainmentBp, collectionRateBp: collectionOf(personId), lastSignedAt: lastSigned.get(personId) ?? null };
  });
  return { rows, ranked: rankForBonus(policy, rows) };
}
