import type { UpdateClientCommand } from '../../core/clients/update-client.ts';
import type { Grade } from '../../core/ports.ts';
import { issue, type InputIssue, type Parsed } from '../issues.ts';
import type { RawCommand } from '../read-command.ts';
import { parseAmount } from '../values/amount.ts';
import { choice, optionalText, optionalValue, parsed, personRef, requiredText } from './fields.ts';

const GRADE_WORDS: Record<string, Grade> = { a: 'A', b: 'B', c: 'C' };

/** `/client <company> [purchase:…] [grade:A|B|C reason:…] [manager:@id]` */
export function buildClient({ words, pairs }: RawCommand): Parsed<UpdateClientCommand> {
  const issues: InputIssue[] = [];
  const company = requiredText(words, 'company', { max: 1000 }, issues);
  const annualPurchaseFen = optionalValue(pairs.purchase, 'purchase', parseAmount, issues);
  const grade = choice(pairs.grade, 'grade', GRADE_WORDS, issues);
  const reason = optionalText(pairs.reason, 'reason', { max: 200, allowEmoji: true }, issues);
  // A reason belongs to a grade override (CLI-1); alone it would be silently dropped.
  if (reason !== null && pairs.grade === undefined) issues.push(issue('missing_field', 'grade'));
  const accountManagerId = personRef(pairs.manager, 'manager', issues);
  return parsed({ company, annualPurchaseFen, grade, reason, accountManagerId }, issues);
}

/** True when `/client` only asks to see the card. */
export const isClientView = (cmd: UpdateClientCommand): boolean =>
  cmd.annualPurchaseFen === null && cmd.grade === null && cmd.accountManagerId === null && cmd.reason === null;
