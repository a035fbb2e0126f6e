import type { SetGoalCommand } from '../../core/performance/goals.ts';
import type { KpiQuery } from '../../core/performance/show-kpi.ts';
import type { Month } from '../../core/performance/types.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { PerformanceKey } from './performance-keys.ts';
import { parseAmount } from '../../grammar/values/amount.ts';
import { MONTH_FORMS, parseMonth, parseQuarter, QUARTER_FORMS } from '../../grammar/values/period.ts';
import { choice, optionalText, optionalValue, parsed, personRef, requiredText } from '../../grammar/fields.ts';
import type { ParseContext } from '../../grammar/context.ts';
import { pageNumber } from '../../grammar/page.ts';

/** The performance commands (KPI-1..7), typed: what the performance family runs. */
export type PerformanceCommand =
  /** `page`: the page of `/kpi team` (ten people a page). */
  | { action: 'kpi'; query: KpiQuery; page?: number }
  | { action: 'plan'; text: string }
  | { action: 'goal_set'; input: SetGoalCommand }
  /** `version`: the goal's set_at (epoch ms) on the Agree button; null when typed without one. */
  | { action: 'goal_agree'; month: Month | null; version: number | null }
  | { action: 'goal_list' }
  | { action: 'finance_check'; month: Month | null }
  | { action: 'finance_lock'; month: Month };

/** Today in the company's zone gives the year of `Q4` or `12月`; a quarter or month without a context is a bug in the caller (as dateIn). */
const todayOf = (ctx?: ParseContext): string => {
  if (!ctx) throw new Error('a quarter or month was given but the parser has no today');
  return ctx.today;
};

function month(value: string | undefined, field: string, ctx: ParseContext | undefined, issues: InputIssue[]): Month | null {
  if (value === undefined) return null;
  const result = parseMonth(value, todayOf(ctx));
  if (result.ok) return result.value;
  issues.push(issue('choice_invalid', field, { value: value.slice(0, 40), options: MONTH_FORMS }));
  return null;
}

const TEAM_WORDS = new Set(['team', '团队', '全员']);

/** `/kpi`, `/kpi @id`, `/kpi team [region:…] [page:n]`, each with `quarter:2026Q3` (季度:2026年第3季度). */
export function buildKpi({ words, pairs }: RawCommand<PerformanceKey>, ctx?: ParseContext): Parsed<PerformanceCommand> {
  const issues: InputIssue[] = [];
  let quarter: string | null = null;
  if (pairs.quarter !== undefined) {
    const q = parseQuarter(pairs.quarter, todayOf(ctx));
    if (q.ok) quarter = q.value;
    else issues.push(issue('choice_invalid', 'quarter', { value: pairs.quarter.slice(0, 40), options: QUARTER_FORMS }));
  }
  const word = words.trim();
  const region = optionalText(pairs.region, 'region', { max: 50 }, issues);
  const page = pairs.page === undefined ? undefined : pageNumber(pairs.page, issues);
  if (TEAM_WORDS.has(word.toLowerCase())) return parsed({ action: 'kpi', query: { scope: 'team', region, quarter }, ...(page === undefined ? {} : { page }) }, issues);
  // Only a team's list is paged; a page of one person's figures means nothing.
  if (page !== undefined) issues.push(issue('unknown_key', null, { key: 'page', keys: 'quarter/季度; team/团队 page:…/页:…' }));
  // A region narrows a team; for one person it means nothing, and saying so beats ignoring it.
  if (region !== null) issues.push(issue('unknown_key', null, { key: 'region', keys: 'quarter/季度; team/团队 region:…/区域:…' }));
  if (!word) return parsed({ action: 'kpi', query: { scope: 'me', quarter } }, issues);
  const personId = personRef(word, 'person', issues);
  return parsed({ action: 'kpi', query: { scope: 'person', personId: personId ?? '', quarter } }, issues);
}

/** `/plan <text>` (KPI-4). */
export function buildPlan({ words }: RawCommand<PerformanceKey>): Parsed<PerformanceCommand> {
  const issues: InputIssue[] = [];
  const text = requiredText(words, 'text', { max: 1000, allowEmoji: true }, issues);
  return parsed({ action: 'plan', text }, issues);
}

const AGREE_WORDS = new Set(['agree', 'ok', '同意', '确认']);
/** A goal's version: its set_at in epoch milliseconds. */
const VERSION = /^\d{1,15}$/;

/** `/goal`, `/goal @id sales:… clients:… [month:…] [note:…]`, `/goal agree [month]` (KPI-2). */
export function buildGoal({ words, pairs }: RawCommand<PerformanceKey>, ctx?: ParseContext): Parsed<PerformanceCommand> {
  const issues: InputIssue[] = [];
  const [first = '', second, ...rest] = words.split(/\s+/).filter(Boolean);
  if (AGREE_WORDS.has(first.toLowerCase())) {
    // The Agree button adds the goal's version after the month: `/goal agree 2026-12 1796000000000`.
    const [versionWord, ...extra] = rest;
    const version = versionWord !== undefined && VERSION.test(versionWord) ? Number(versionWord) : null;
    const unknown = version === null ? versionWord : extra[0];
    if (unknown !== undefined || (second && pairs.month)) issues.push(issue('unknown_key', null, { key: (unknown ?? second ?? '').slice(0, 20), keys: 'month/月份' }));
    return parsed({ action: 'goal_agree', month: month(second ?? pairs.month, 'month', ctx, issues), version }, issues);
  }
  if (!first && Object.keys(pairs).length === 0) return parsed({ action: 'goal_list' }, issues);
  if (!first) issues.push(issue('missing_field', 'person'));
  const personId = first ? personRef(first, 'person', issues) : null;
  if (second) issues.push(issue('unknown_key', null, { key: second.slice(0, 20), keys: 'sales/销售额, clients/新客户, month/月份, note/备注' }));
  if (pairs.sales === undefined) issues.push(issue('missing_field', 'sales'));
  const salesFen = optionalValue(pairs.sales, 'sales', parseAmount, issues);
  if (pairs.clients === undefined) issues.push(issue('missing_field', 'clients'));
  const clients = pairs.clients === undefined ? null : count(pairs.clients, issues);
  const goalMonth = month(pairs.month, 'month', ctx, issues);
  const note = optionalText(pairs.note, 'note', { max: 200, allowEmoji: true }, issues);
  return parsed({ action: 'goal_set', input: { personId: personId ?? '', salesFen: salesFen ?? 0, newClients: clients ?? 0, month: goalMonth, note } }, issues);
}

/** `3`, `3家`, `3个` → 3. */
function count(value: string, issues: InputIssue[]): number | null {
  const m = /^(\d{1,4})\s*[家个位]?$/.exec(value.normalize('NFKC').trim());
  if (m) return Number(m[1]);
  issues.push(issue('choice_invalid', 'clients', { value: value.slice(0, 40), options: '0, 1, 2, 3, …' }));
  return null;
}

const FINANCE_VERBS: Record<string, 'check' | 'lock'> = { check: 'check', 核对: 'check', 查看: 'check', lock: 'lock', 锁定: 'lock' };

/** `/finance`, `/finance check [month]`, `/finance lock <month>` (KPI-3). */
export function buildFinance({ words, pairs }: RawCommand<PerformanceKey>, ctx?: ParseContext): Parsed<PerformanceCommand> {
  const issues: InputIssue[] = [];
  const [verbWord, monthWord, ...rest] = words.split(/\s+/).filter(Boolean);
  if (rest.length) issues.push(issue('unknown_key', null, { key: rest[0]!.slice(0, 20), keys: 'month/月份' }));
  const verb = verbWord ? choice(verbWord, 'action', FINANCE_VERBS, issues) : 'check';
  const m = month(monthWord ?? pairs.month, 'month', ctx, issues);
  if (verb === 'lock') {
    if (monthWord === undefined && pairs.month === undefined) issues.push(issue('missing_field', 'month'));
    return parsed({ action: 'finance_lock', month: m ?? '' }, issues);
  }
  return parsed({ action: 'finance_check', month: m }, issues);
}
