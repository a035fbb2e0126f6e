import type { GradeDecisionCommand } from '../../core/clients/confirm-grade.ts';
import type { UpdateClientCommand } from '../../core/clients/update-client.ts';
import type { Grade } from '../../core/ports.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { ClientKey } from './client-keys.ts';
import { parseAmount } from '../../grammar/values/amount.ts';
import { choice, optionalText, optionalValue, parsed, personRef, requiredText } from '../../grammar/fields.ts';
import { pageNumber } from '../../grammar/page.ts';
import type { ArchiveQuery } from '../../core/clients/show-archive.ts';

const GRADE_WORDS: Record<string, Grade> = { a: 'A', b: 'B', c: 'C' };

/** `/client <company> [purchase:…] [grade:A|B|C reason:…] [manager:@id]` */
export function buildClient({ words, pairs }: RawCommand<ClientKey>): Parsed<UpdateClientCommand> {
  const issues: InputIssue[] = [];
  const company = requiredText(words, 'company', { max: 1000 }, issues);
  const annualPurchaseFen = optionalValue(pairs.purchase, 'purchase', parseAmount, issues);
  const grade = choice(pairs.grade, 'grade', GRADE_WORDS, issues);
  const reason = optionalText(pairs.reason, 'reason', { max: 200, allowEmoji: true }, issues);
  // A reason belongs to a grade override (CLI-1); alone it would be silently dropped.
  if (reason !== null && pairs.grade === undefined) issues.push(issue('missing_field', 'grade'));
  const accountManagerId = personRef(pairs.manager, 'manager', issues);
  // A page belongs to the archive (`history`): on the card it would be silently dropped.
  if (pairs.page !== undefined) issues.push(issue('unknown_key', 'page', { key: 'page', keys: 'history page:…' }));
  return parsed({ company, annualPurchaseFen, grade, reason, accountManagerId }, issues);
}

/** The word after the company that asks for the archive (CLI-3): `history`, `档案`. */
const HISTORY_WORDS = new Set(['history', 'archive', '档案', '客户档案']);
const HISTORY_TAIL = /\s+(\S+)$/u;

/** True when `/client <company> history` asks for the archive. */
export const isHistory = ({ words }: RawCommand<ClientKey>): boolean => HISTORY_WORDS.has((HISTORY_TAIL.exec(words.trim())?.[1] ?? '').toLowerCase());

/** `/client <company> history [page:n]` (CLI-3); nothing else goes with it. */
export function buildHistory({ words, pairs }: RawCommand<ClientKey>): Parsed<ArchiveQuery & { page?: number }> {
  const issues: InputIssue[] = [];
  const company = requiredText(words.trim().replace(HISTORY_TAIL, ''), 'company', { max: 1000 }, issues);
  for (const key of ['purchase', 'grade', 'reason', 'manager', 'confirm_grade', 'keep_grade'] as const) {
    if (pairs[key] !== undefined) issues.push(issue('unknown_key', key, { key, keys: 'page' }));
  }
  const page = pairs.page === undefined ? undefined : pageNumber(pairs.page, issues);
  return parsed(page === undefined ? { company } : { company, page }, issues);
}

/** True when `/client` decides a pending grade change (the card's Confirm / Keep the old grade). */
export const isGradeDecision = ({ pairs }: RawCommand<ClientKey>): boolean => pairs.confirm_grade !== undefined || pairs.keep_grade !== undefined;

const CHANGE_ID = /^[#＃]?(\d{1,9})$/u;

/** `/client <company> confirm:<change>` or `keep:<change>`: one of them, and nothing else with it. */
export function buildGradeDecision({ words, pairs }: RawCommand<ClientKey>): Parsed<GradeDecisionCommand> {
  const issues: InputIssue[] = [];
  const company = requiredText(words, 'company', { max: 1000 }, issues);
  const confirm = pairs.confirm_grade !== undefined;
  if (confirm && pairs.keep_grade !== undefined) issues.push(issue('duplicate_key', 'keep_grade', { key: 'keep' }));
  for (const key of ['purchase', 'grade', 'reason', 'manager'] as const) {
    if (pairs[key] !== undefined) issues.push(issue('unknown_key', key, { key, keys: 'confirm, keep' }));
  }
  const typed = (confirm ? pairs.confirm_grade : pairs.keep_grade) ?? '';
  const match = CHANGE_ID.exec(typed.trim());
  if (!match) issues.push(issue('choice_invalid', confirm ? 'confirm_grade' : 'keep_grade', { value: typed.slice(0, 20), options: '12, #12' }));
  return parsed({ company, changeId: Number(match?.[1] ?? 0), confirm }, issues);
}

/** True when `/client` only asks to see the card. */
export const isClientView = (cmd: UpdateClientCommand): boolean =>
  cmd.annualPurchaseFen === null && cmd.grade === null && cmd.accountManagerId === null && cmd.reason === null;
