import type { Policy } from '../policy.ts';
import { addDays, type IsoDate } from '../time.ts';
import type { ContractOnCard } from '../notices.ts';
import type { Contract, ContractTerms } from './types.ts';

/** The terms CON-1 requires a contract to state, in the order a reply names them. */
export const TERM_FIELDS = ['amount', 'delivery', 'method', 'term', 'penalty', 'sign'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

const FIELD_OF: Record<TermField, keyof ContractTerms> = {
  amount: 'amountFen',
  delivery: 'deliveryDate',
  method: 'paymentMethod',
  term: 'termDays',
  penalty: 'penaltyBp',
  sign: 'signMethod',
};

/** A term as written when it could not be read as a value (a date, an amount, days, a percent, a signing method). */
export interface Unreadable {
  field: TermField;
  value: string;
}

/** One broken term of CON-1, with the value given and the rule it breaks. */
export type TermBreach =
  | { kind: 'unreadable'; field: TermField; value: string }
  | { kind: 'missing'; field: TermField }
  | { kind: 'term_too_long'; termDays: number; maxDays: number }
  | { kind: 'penalty_not_policy'; penaltyBp: number; policyBp: number }
  | { kind: 'delivery_past'; delivery: IsoDate; today: IsoDate };

/**
 * CON-1: every broken term at once, so the drafter corrects them in one go:
 * the terms not stated, a payment term over the maximum, a penalty other than
 * the policy's (Reading: the source says it "is 5%", so any other value
 * breaks it) and a delivery date already past.
 */
export function termBreaches(policy: Policy, terms: Partial<ContractTerms>, today: IsoDate, unreadable: Unreadable[] = []): TermBreach[] {
  const written = new Set(unreadable.map((u) => u.field));
  const breaches: TermBreach[] = [
    ...unreadable.map((u): TermBreach => ({ kind: 'unreadable', ...u })),
    ...TERM_FIELDS.filter((f) => terms[FIELD_OF[f]] === undefined && !written.has(f)).map((field): TermBreach => ({ kind: 'missing', field })),
  ];
  const maxDays = policy.contracts.maxPaymentTermDays;
  if (terms.termDays !== undefined && terms.termDays > maxDays) breaches.push({ kind: 'term_too_long', termDays: terms.termDays, maxDays });
  const policyBp = policy.contracts.penaltyBp;
  if (terms.penaltyBp !== undefined && terms.penaltyBp !== policyBp) breaches.push({ kind: 'penalty_not_policy', penaltyBp: terms.penaltyBp, policyBp });
  if (terms.deliveryDate !== undefined && terms.deliveryDate < today) breaches.push({ kind: 'delivery_past', delivery: terms.deliveryDate, today });
  return breaches;
}

/** Percent from hundredths, without trailing zeros: 500 → '5', 250 → '2.5'. */
export const percentOf = (bp: number): string => String(bp / 100);

/**
 * A refusal carries flat details; the breaches travel as named values the
 * contract view reads back (`missing` lists the fields, comma-separated).
 */
export function breachDetails(breaches: TermBreach[]): Record<string, string | number> {
  const details: Record<string, string | number> = { count: breaches.length };
  const missing = breaches.flatMap((b) => (b.kind === 'missing' ? [b.field] : []));
  if (missing.length) details.missing = missing.join(',');
  for (const b of breaches) {
    if (b.kind === 'unreadable') details[`unreadable_${b.field}`] = b.value;
    if (b.kind === 'term_too_long') Object.assign(details, { termDays: b.termDays, maxDays: b.maxDays });
    if (b.kind === 'penalty_not_policy') Object.assign(details, { penalty: percentOf(b.penaltyBp), policyPenalty: percentOf(b.policyBp) });
    if (b.kind === 'delivery_past') Object.assign(details, { delivery: b.delivery, today: b.today });
  }
  return details;
}

/** CON-1/CON-3: payment is due `termDays` after delivery. */
export const dueDateOf = (terms: Pick<ContractTerms, 'deliveryDate' | 'termDays'>): IsoDate => addDays(terms.deliveryDate, terms.termDays);

/** CON-2: the terms legal reads on every card of the contract's review. */
export const contractOnCard = (c: Contract): ContractOnCard => ({
  contractId: c.id,
  delivery: c.deliveryDate,
  method: c.paymentMethod,
  termDays: c.termDays,
  penaltyPercent: percentOf(c.penaltyBp),
  signMethod: c.signMethod,
});
