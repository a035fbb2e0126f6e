import type { LeadPeriod } from '../../core/leads/list-leads.ts';
import type { InputIssue, Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { LeadKey } from './lead-keys.ts';
import { choice, parsed } from '../../grammar/fields.ts';
import { pageNumber } from '../../grammar/page.ts';

const PERIOD_WORDS: Record<string, LeadPeriod> = {
  today: 'today',
  今天: 'today',
  今日: 'today',
  week: 'week',
  本周: 'week',
  周: 'week',
};

/** `/leads [today|week] [page:n]`, today when nothing is said; the page of a long list (ten leads a page). */
export function buildLeads({ words, pairs }: RawCommand<LeadKey>): Parsed<{ period: LeadPeriod; page?: number }> {
  const issues: InputIssue[] = [];
  const period = words ? choice(words, 'period', PERIOD_WORDS, issues) : 'today';
  const page = pairs.page === undefined ? undefined : pageNumber(pairs.page, issues);
  return parsed({ period: period ?? 'today', ...(page === undefined ? {} : { page }) }, issues);
}
