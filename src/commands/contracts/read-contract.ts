import type { DraftContractCommand } from '../../core/contracts/draft-contract.ts';
import type { RecordPaymentCommand } from '../../core/contracts/record-payment.ts';
import type { ContractTerms, SignMethod } from '../../core/contracts/types.ts';
import type { Unreadable } from '../../core/contracts/terms.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { ContractKey } from './contract-keys.ts';
import { parseAmount } from '../../grammar/values/amount.ts';
import { ok, refuse, type Result } from '../../core/result.ts';
import { dateIn, type ParseContext } from '../../grammar/context.ts';
import { choice, optionalText, optionalValue, parsed } from '../../grammar/fields.ts';

export type ContractAction =
  | { action: 'show'; contractId: number }
  | { action: 'submit'; contractId: number }
  | { action: 'sign'; contractId: number; ref: string | null }
  | { action: 'draft'; input: DraftContractCommand };

const VERBS: Record<string, 'submit' | 'sign'> = {
  submit: 'submit',
  提交: 'submit',
  送审: 'submit',
  signed: 'sign',
  已签: 'sign',
  已签署: 'sign',
  已签约: 'sign',
};

const SIGN_WORDS: Record<string, SignMethod> = {
  esign: 'esign',
  'e-sign': 'esign',
  e签宝: 'esign',
  电子签: 'esign',
  电子: 'esign',
  电子签章: 'esign',
  paper: 'paper',
  纸质: 'paper',
  纸质合同: 'paper',
};

const TERM_KEYS = ['amount', 'delivery', 'method', 'term', 'penalty', 'sign'] as const;

/**
 * `/contract <deal> amount:… delivery:… method:… term:… penalty:… sign:…`
 * drafts (or corrects) the deal's contract; `/contract <id>`, `/contract <id>
 * submit`, `/contract <id> signed` act on a contract. A term missing from a
 * draft is not an input issue here: the core names it together with the
 * policy's breaches (CON-1), in one reply.
 */
export function buildContract({ words, pairs }: RawCommand<ContractKey>, ctx?: ParseContext): Parsed<ContractAction> {
  const issues: InputIssue[] = [];
  const [idWord, verbWord, ...extra] = words.split(/\s+/).filter(Boolean);
  const drafting = TERM_KEYS.some((k) => pairs[k] !== undefined);
  const field = drafting ? 'contract_deal' : 'contract_id';
  const id = readId(idWord, field, issues);
  if (drafting) {
    if (verbWord) issues.push(issue('unknown_key', null, { key: verbWord.slice(0, 20), keys: TERM_KEYS.join(', ') }));
    if (pairs.sign_ref !== undefined) issues.push(issue('unknown_key', 'sign_ref', { key: 'ref', keys: TERM_KEYS.join(', ') }));
    const terms: Partial<ContractTerms> = {};
    const amountFen = optionalValue(pairs.amount, 'amount', parseAmount, issues);
    if (amountFen === 0) issues.push(issue('amount_invalid', 'amount', { value: pairs.amount ?? '' }));
    if (amountFen) terms.amountFen = amountFen;
    const delivery = optionalValue(pairs.delivery, 'delivery', dateIn(ctx), issues);
    if (delivery) terms.deliveryDate = delivery;
    // The payment method, not a visit's: its issues name it so (field.payment_method).
    const method = optionalText(pairs.method, 'payment_method', { max: 50 }, issues);
    if (method) terms.paymentMethod = method;
    const termDays = optionalValue(pairs.term, 'term', parseTermDays, issues);
    if (termDays !== null) terms.termDays = termDays;
    const penaltyBp = optionalValue(pairs.penalty, 'penalty', parsePenaltyBp, issues);
    if (penaltyBp !== null) terms.penaltyBp = penaltyBp;
    const sign = choice(pairs.sign, 'sign', SIGN_WORDS, issues);
    if (sign) terms.signMethod = sign;
    // When the only problems are terms that could not be read, they go to the
    // core with the others, which names them beside the policy's breaches:
    // every broken term in one reply (CON-1). Any other problem is answered
    // first, with the unreadable terms among it.
    const unreadable = issues.flatMap((i) => (isUnreadableTerm(i) ? [{ field: i.field, value: String(i.details.value) }] : []));
    const onlyUnreadable = issues.every(isUnreadableTerm);
    return parsed({ action: 'draft', input: { dealId: id ?? 0, terms, ...(unreadable.length && { unreadable }) } }, onlyUnreadable ? [] : issues);
  }
  const verb = verbWord === undefined ? null : choice(verbWord, 'contract_action', VERBS, issues);
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: TERM_KEYS.join(', ') }));
  // A reference belongs to the signing only: elsewhere it would be silently dropped.
  const ref = verb === 'sign' ? optionalText(pairs.sign_ref, 'sign_ref', { max: 100 }, issues) : null;
  if (pairs.sign_ref !== undefined && verb !== 'sign') issues.push(issue('unknown_key', 'sign_ref', { key: 'ref', keys: 'signed ref:…' }));
  const action = verb ?? 'show';
  return parsed(action === 'sign' ? { action, contractId: id ?? 0, ref } : { action, contractId: id ?? 0 }, issues);
}

/** `/payment <contract> amount:… [date:…]` (CON-3). */
export function buildPayment({ words, pairs }: RawCommand<ContractKey>, ctx?: ParseContext): Parsed<RecordPaymentCommand> {
  const issues: InputIssue[] = [];
  const [idWord, ...extra] = words.split(/\s+/).filter(Boolean);
  const contractId = readId(idWord, 'contract_id', issues);
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: 'amount/金额, date/日期' }));
  if (pairs.amount === undefined) issues.push(issue('missing_field', 'amount'));
  const amountFen = optionalValue(pairs.amount, 'amount', parseAmount, issues);
  if (amountFen === 0) issues.push(issue('amount_invalid', 'amount', { value: pairs.amount ?? '' }));
  const paidOn = optionalValue(pairs.date, 'date', dateIn(ctx), issues);
  return parsed({ contractId: contractId ?? 0, amountFen: amountFen ?? 0, paidOn }, issues);
}

function readId(word: string | undefined, field: string, issues: InputIssue[]): number | null {
  if (!word) {
    issues.push(issue('missing_field', field));
    return null;
  }
  const m = /^[#＃]?(\d{1,9})$/u.exec(word);
  if (!m) issues.push(issue('choice_invalid', field, { value: word.slice(0, 20), options: '12, #12' }));
  return m ? Number(m[1]) : null;
}

/** `45`, `45天`, `45日`, `45 days` → 45 (the key's value runs to the next key, so a space may stand before the unit). */
export function parseTermDays(text: string): Result<number, 'term_invalid'> {
  const m = /^(\d{1,4})\s*(天|日|days?|d)?$/u.exec(text.normalize('NFKC').trim().toLowerCase());
  return m ? ok(Number(m[1])) : refuse('term_invalid');
}

/** `5`, `5%`, `5％`, `2.5%` → hundredths of a percent (500, 250), exact: no float touches it. */
export function parsePenaltyBp(text: string): Result<number, 'penalty_invalid'> {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/u.exec(text.normalize('NFKC').trim());
  if (!m) return refuse('penalty_invalid');
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}

/** The terms whose value may be unreadable: each issue of theirs carries the value as typed. */
const READ_TERMS: readonly string[] = ['amount', 'delivery', 'term', 'penalty', 'sign'];
const isUnreadableTerm = (i: InputIssue): i is InputIssue & { field: Unreadable['field'] } =>
  i.field !== null && READ_TERMS.includes(i.field) && i.details.value !== undefined;
