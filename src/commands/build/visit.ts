import type { RecordVisitCommand } from '../../core/clients/record-visit.ts';
import type { InputIssue, Parsed } from '../issues.ts';
import type { RawCommand } from '../read-command.ts';
import { choice, optionalText, parsed, requiredText } from './fields.ts';

const METHOD_WORDS: Record<string, RecordVisitCommand['method']> = {
  onsite: 'onsite',
  visit: 'onsite',
  上门: 'onsite',
  现场: 'onsite',
  拜访: 'onsite',
  phone: 'phone',
  call: 'phone',
  电话: 'phone',
};

/** `/visit <company> [method:phone|onsite] [note:…]`; a visit is on site unless told otherwise. */
export function buildVisit({ words, pairs }: RawCommand): Parsed<RecordVisitCommand> {
  const issues: InputIssue[] = [];
  const company = requiredText(words, 'company', { max: 1000 }, issues);
  const method = choice(pairs.method, 'method', METHOD_WORDS, issues) ?? 'onsite';
  const note = optionalText(pairs.note, 'note', { max: 500, allowEmoji: true }, issues);
  return parsed({ company, method, note }, issues);
}
