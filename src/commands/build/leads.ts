import type { LeadPeriod } from '../../core/leads/list-leads.ts';
import type { InputIssue, Parsed } from '../issues.ts';
import type { RawCommand } from '../read-command.ts';
import { choice, parsed } from './fields.ts';

const PERIOD_WORDS: Record<string, LeadPeriod> = {
  today: 'today',
  今天: 'today',
  今日: 'today',
  week: 'week',
  本周: 'week',
  周: 'week',
};

/** `/leads [today|week]`, today when nothing is said. */
export function buildLeads({ words }: RawCommand): Parsed<LeadPeriod> {
  const issues: InputIssue[] = [];
  const period = words ? choice(words, 'period', PERIOD_WORDS, issues) : 'today';
  return parsed(period ?? 'today', issues);
}
