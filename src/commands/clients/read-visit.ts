import type { RecordVisitCommand } from '../../core/clients/record-visit.ts';
import type { InputIssue, Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { ClientKey } from './client-keys.ts';
import { choice, optionalText, parsed, requiredText } from '../../grammar/fields.ts';

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
export function buildVisit({ words, pairs }: RawCommand<ClientKey>): Parsed<RecordVisitCommand> {
  const issues: InputIssue[] = [];
  const company = requiredText(words, 'company', { max: 1000 }, issues);
  const method = choice(pairs.method, 'method', METHOD_WORDS, issues) ?? 'onsite';
  const note = optionalText(pairs.note, 'note', { max: 500, allowEmoji: true }, issues);
  return parsed({ company, method, note }, issues);
}
