import type { OpenTicketCommand } from '../../core/tickets/open-ticket.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { TicketKey } from './ticket-keys.ts';
import { choice, optionalText, parsed } from '../../grammar/fields.ts';

/**
 * What `/ticket` asks for (CLI-4). A respond without its text (the card's
 * Respond button) carries `text: null`: the bot opens the response form with
 * the ticket's number filled in, as a Reject button opens the reject form.
 */
export type TicketAction =
  | ({ action: 'open' } & OpenTicketCommand)
  | { action: 'show'; ticketId: number }
  | { action: 'respond'; ticketId: number; text: string | null }
  /** `note`: words after close (`/ticket 12 close 已解决`), kept as a last response before closing. */
  | { action: 'close'; ticketId: number; note: string | null };

const VERBS: Record<string, 'respond' | 'close'> = {
  respond: 'respond',
  reply: 'respond',
  回复: 'respond',
  答复: 'respond',
  处理: 'respond',
  close: 'close',
  关闭: 'close',
  结单: 'close',
};

/**
 * A ticket's number: `12` or `#12`. The first word tells which form was
 * meant, except before `problem:`, where all the words are the company (a
 * company may be all digits: `/ticket 360 问题:…`) unless a verb follows the number.
 */
const TICKET_ID = /^[#＃]?(\d{1,9})$/;

const PROBLEM_RULE = { max: 1000, allowEmoji: true };
const RESPONSE_RULE = { max: 1000, allowEmoji: true };

/**
 * `/ticket <company> <problem>` or `/ticket <company> problem:<text>`,
 * `/ticket <id> [respond <text> | close]`. Without `problem:` the first word
 * is the company (Chinese company names have no spaces) and the rest the
 * problem; with it, all the words before it are the company.
 */
export function buildTicket({ words, pairs, fields }: RawCommand<TicketKey>): Parsed<TicketAction> {
  const issues: InputIssue[] = [];
  const [first = '', ...rest] = words.split(/\s+/).filter(Boolean);
  const id = TICKET_ID.exec(first)?.[1];
  const companyBeforeProblem = pairs.problem !== undefined && (rest[0] === undefined || VERBS[rest[0].toLowerCase()] === undefined);
  if (id !== undefined && !fields && !companyBeforeProblem) return onTicket(Number(id), rest, pairs, issues);

  if (pairs.response !== undefined) issues.push(issue('unknown_key', null, { key: 'response', keys: 'problem/问题' }));
  const typedCompany = fields ? fields.company : pairs.problem !== undefined ? words : first;
  const typedProblem = fields ? fields.problem : (pairs.problem ?? rest.join(' '));
  const company = optionalText(typedCompany, 'company', { max: 1000 }, issues);
  if (!company) issues.push(issue('missing_field', 'company'));
  const problem = optionalText(typedProblem, 'problem', PROBLEM_RULE, issues);
  if (!problem) issues.push(issue('missing_field', 'problem'));
  return parsed({ action: 'open', company: company ?? '', problem: problem ?? '' }, issues);
}

function onTicket(ticketId: number, rest: string[], pairs: RawCommand<TicketKey>['pairs'], issues: InputIssue[]): Parsed<TicketAction> {
  if (pairs.problem !== undefined) issues.push(issue('unknown_key', null, { key: 'problem', keys: 'response/回复内容' }));
  const [verbWord, ...text] = rest;
  if (verbWord === undefined) return parsed({ action: 'show', ticketId }, issues);
  const verb = choice(verbWord, 'ticket_action', VERBS, issues);
  if (verb === 'close') {
    // Words after close are the closing note: the last thing said to the client, kept as a response.
    const note = optionalText(pairs.response ?? (text.length ? text.join(' ') : undefined), 'response', RESPONSE_RULE, issues);
    return parsed({ action: 'close', ticketId, note }, issues);
  }
  const response = optionalText(pairs.response ?? text.join(' '), 'response', RESPONSE_RULE, issues);
  return parsed({ action: 'respond', ticketId, text: response }, issues);
}
