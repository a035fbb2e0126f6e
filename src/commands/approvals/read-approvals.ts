import type { DecideCommand } from '../../core/approvals/decide.ts';
import type { SubmitApprovalCommand } from '../../core/approvals/submit.ts';
import type { DelegateCommand } from '../../core/approvals/delegate.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { ApprovalKey } from './approval-keys.ts';
import { parseAmount } from '../../grammar/values/amount.ts';
import { choice, optionalText, optionalValue, parsed, personRef } from '../../grammar/fields.ts';
import { dateIn, type ParseContext } from '../../grammar/context.ts';
import { pageNumber } from '../../grammar/page.ts';


/** `/expense <amount> <purpose> [event:…] [date:…]` (EXP-1). */
export function buildExpense({ words, pairs, fields }: RawCommand<ApprovalKey>, ctx?: ParseContext): Parsed<SubmitApprovalCommand> {
  const issues: InputIssue[] = [];
  // Typed: the first word is the amount, the rest the purpose. From a form: each its own field.
  const [typedAmount, ...typedRest] = words.split(/\s+/).filter(Boolean);
  const amountWord = fields ? fields.amount : typedAmount;
  const rest = fields ? [fields.purpose ?? ''] : typedRest;
  if (!amountWord) issues.push(issue('missing_field', 'amount'));
  const amountFen = amountWord ? optionalValue(amountWord, 'amount', parseAmount, issues) : null;
  if (amountFen === 0) issues.push(issue('amount_invalid', 'amount', { value: amountWord ?? '' }));
  const subject = optionalText(rest.join(' '), 'purpose', { max: 200 }, issues);
  if (!subject) issues.push(issue('missing_field', 'purpose'));
  const event = optionalText(pairs.event, 'event', { max: 100 }, issues);
  const onDate = optionalValue(pairs.date, 'date', dateIn(ctx), issues);
  return parsed({ kind: 'expense', subject: subject ?? '', amountFen, event, product: null, onDate }, issues);
}

/** `/promo <name> [product:…] [start:…] [budget:…]` (PROMO-1). */
export function buildPromo({ words, pairs }: RawCommand<ApprovalKey>, ctx?: ParseContext): Parsed<SubmitApprovalCommand> {
  const issues: InputIssue[] = [];
  const subject = optionalText(words, 'subject', { max: 200 }, issues);
  if (!subject) issues.push(issue('missing_field', 'subject'));
  const product = optionalText(pairs.product, 'product', { max: 100 }, issues);
  const onDate = optionalValue(pairs.start, 'start', dateIn(ctx), issues);
  const amountFen = optionalValue(pairs.budget, 'budget', parseAmount, issues);
  return parsed({ kind: 'promotion', subject: subject ?? '', amountFen, event: null, product, onDate }, issues);
}

/** `page` is the page of a long list (1 when not given). */
export type ApprovalsAction = { action: 'list'; page?: number } | ({ action: 'decide' } & DecideCommand) | { action: 'withdraw'; requestId: number };

const VERBS: Record<string, 'approve' | 'reject' | 'withdraw'> = {
  approve: 'approve',
  同意: 'approve',
  通过: 'approve',
  reject: 'reject',
  拒绝: 'reject',
  驳回: 'reject',
  withdraw: 'withdraw',
  撤回: 'withdraw',
};

/** `/approvals`, `/approvals approve 12`, `/approvals reject 12 reason:…`, `/approvals withdraw 12`. */
export function buildApprovals({ words, pairs }: RawCommand<ApprovalKey>): Parsed<ApprovalsAction> {
  const issues: InputIssue[] = [];
  const [verbWord, idWord, ...extra] = words.split(/\s+/).filter(Boolean);
  if (!verbWord) {
    const page = pairs.page === undefined ? undefined : pageNumber(pairs.page, issues);
    return parsed(page === undefined ? { action: 'list' } : { action: 'list', page }, issues);
  }
  const verb = choice(verbWord, 'decision', VERBS, issues);
  const id = idWord && /^#?\d{1,9}$/.test(idWord) ? Number(idWord.replace('#', '')) : null;
  if (id === null) issues.push(idWord ? issue('choice_invalid', 'id', { value: idWord.slice(0, 20), options: '12, #12' }) : issue('missing_field', 'id'));
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: 'reason/原因' }));
  const reason = optionalText(pairs.reason, 'reason', { max: 200, allowEmoji: true }, issues);
  if (!verb || id === null) return parsed({ action: 'list' }, issues);
  if (verb === 'withdraw') return parsed({ action: 'withdraw', requestId: id }, issues);
  return parsed({ action: 'decide', requestId: id, decision: verb, reason }, issues);
}

/** `/delegate @id until:<date>`. */
export function buildDelegate({ words, pairs }: RawCommand<ApprovalKey>, ctx?: ParseContext): Parsed<DelegateCommand> {
  const issues: InputIssue[] = [];
  if (!words.trim()) issues.push(issue('missing_field', 'delegate'));
  const delegateId = words.trim() ? personRef(words, 'delegate', issues) : null;
  if (pairs.until === undefined) issues.push(issue('missing_field', 'until'));
  const until = optionalValue(pairs.until, 'until', dateIn(ctx), issues);
  return parsed({ delegateId: delegateId ?? '', until: until ?? '' }, issues);
}

