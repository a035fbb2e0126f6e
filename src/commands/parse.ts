import type { RecordVisitCommand } from '../core/clients/record-visit.ts';
import type { UpdateClientCommand } from '../core/clients/update-client.ts';
import type { LeadPeriod } from '../core/leads/list-leads.ts';
import type { ReportLeadCommand } from '../core/leads/report-lead.ts';
import type { DecideHeldLeadCommand } from '../core/leads/decide-held-lead.ts';
import type { SubmitApprovalCommand } from '../core/approvals/submit.ts';
import type { InputIssue } from './issues.ts';
import { buildApprovals, buildDelegate, buildExpense, buildPromo, type ApprovalsAction, type ParseContext } from './build/approvals.ts';
import { buildLeave, buildRemind } from './build/reminders.ts';
import type { DelegateCommand } from '../core/approvals/delegate.ts';
import { buildClient, buildGradeDecision, isGradeDecision } from './build/client.ts';
import type { GradeDecisionCommand } from '../core/clients/confirm-grade.ts';
import { buildDeal, buildDeals, type DealAction } from './build/deal.ts';
import { buildLeadAction } from './build/lead.ts';
import { buildLeads } from './build/leads.ts';
import { buildVisit } from './build/visit.ts';
import { buildTicket, type TicketAction } from './build/ticket.ts';
import { buildContract, buildPayment, type ContractAction } from './build/contract.ts';
import type { RecordPaymentCommand } from '../core/contracts/record-payment.ts';
import { buildFinance, buildGoal, buildKpi, buildPlan, type PerformanceCommand } from './build/performance.ts';
import { commandByWord, type CommandName } from './catalog.ts';
import { FORMS, isFormName, type FormField, type FormName } from './forms.ts';
import type { Parsed } from './issues.ts';
import { readCommand, textIssues, type RawCommand } from './read-command.ts';

/** What a person asked for, typed and checked: the one shape every adapter hands to the bot. */
export type Command =
  | { kind: 'lead'; input: ReportLeadCommand }
  | { kind: 'held_lead'; input: DecideHeldLeadCommand }
  | { kind: 'leads'; period: LeadPeriod; page?: number }
  | { kind: 'client'; input: UpdateClientCommand }
  | { kind: 'grade_decision'; input: GradeDecisionCommand }
  | { kind: 'visit'; input: RecordVisitCommand }
  | { kind: 'deal'; input: DealAction }
  | { kind: 'deals'; page?: number }
  | { kind: 'submit_approval'; input: SubmitApprovalCommand }
  | { kind: 'approvals'; input: ApprovalsAction }
  | { kind: 'delegate'; input: DelegateCommand }
  | { kind: 'leave'; input: { from: string; to: string } }
  | { kind: 'remind'; on: boolean }
  | { kind: 'ticket'; input: TicketAction }
  | { kind: 'performance'; input: PerformanceCommand }
  | { kind: 'help'; topic: CommandName | null }
  | { kind: 'form'; form: FormName }
  | { kind: 'contract'; input: ContractAction }
  | { kind: 'payment'; input: RecordPaymentCommand };

export type { ParseContext };

/** Text typed in any chat → Command. */
export function parseCommand(text: string, ctx?: ParseContext): Parsed<Command> {
  const raw = readCommand(text);
  if (!raw.ok) return raw;
  const { name, words, pairs } = raw.value;
  if (isFormName(name) && !words && Object.keys(pairs).length === 0) return ok({ kind: 'form', form: name });
  return build(raw.value, ctx);
}

/** A submitted form → Command, through the same checks as typed text. */
export function parseFormSubmission(form: FormName, values: Record<string, string | undefined>, ctx?: ParseContext): Parsed<Command> {
  const pairs: RawCommand['pairs'] = {};
  const words: string[] = [];
  const problems: InputIssue[] = [];
  const fields: RawCommand['fields'] = {};
  for (const field of FORMS[form] as readonly FormField[]) {
    const value = values[field.key]?.trim();
    if (!value) continue;
    problems.push(...textIssues(value, field.key));
    fields[field.key] = value;
    if (field.positional) words.push(value);
    else pairs[field.key] = value;
  }
  if (problems.length) return { ok: false, issues: problems };
  // The reject form is `/approvals reject <id> reason:…` filled in.
  if (form === 'reject') return build({ name: 'approvals', words: `reject ${words.join(' ')}`.trim(), pairs }, ctx);
  // The Allow form of a held likely duplicate is `/lead allow <n> reason:…` filled in.
  if (form === 'lead_allow') return build({ name: 'lead', words: `allow ${words.join(' ')}`.trim(), pairs }, ctx);
  // The ticket response form is `/ticket <id> respond response:…` filled in.
  if (form === 'ticket_respond') return build({ name: 'ticket', words: `${words.join(' ')} respond`.trim(), pairs }, ctx);
  // The deal forms are `/deal new <company> …` and `/deal <id> needs|proposal|lost …` filled in.
  if (form === 'deal') return build({ name: 'deal', words: `new ${words.join(' ')}`.trim(), pairs, fields }, ctx);
  if (form === 'needs' || form === 'proposal' || form === 'lost') {
    return build({ name: 'deal', words: `${fields.deal_id ?? ''} ${form}`.trim(), pairs, fields }, ctx);
  }
  return build({ name: form, words: words.join(' '), pairs, fields }, ctx);
}

function build(raw: RawCommand, ctx?: ParseContext): Parsed<Command> {
  switch (raw.name) {
    case 'expense':
      return map(buildExpense(raw, ctx), (input) => ({ kind: 'submit_approval', input }));
    case 'promo':
      return map(buildPromo(raw, ctx), (input) => ({ kind: 'submit_approval', input }));
    case 'approvals':
      return map(buildApprovals(raw), (input) => ({ kind: 'approvals', input }));
    case 'delegate':
      return map(buildDelegate(raw, ctx), (input) => ({ kind: 'delegate', input }));
    case 'leave':
      return map(buildLeave(raw, ctx), (input) => ({ kind: 'leave', input }));
    case 'remind':
      return map(buildRemind(raw), (on) => ({ kind: 'remind', on }));
    case 'lead':
      return map(buildLeadAction(raw), (a) => (a.action === 'report' ? { kind: 'lead', input: a.lead } : { kind: 'held_lead', input: a.decision }));
    case 'leads':
      return map(buildLeads(raw), (input) => ({ kind: 'leads' as const, ...input }));
    case 'client':
      if (isGradeDecision(raw)) return map(buildGradeDecision(raw), (input) => ({ kind: 'grade_decision', input }));
      return map(buildClient(raw), (input) => ({ kind: 'client', input }));
    case 'visit':
      return map(buildVisit(raw), (input) => ({ kind: 'visit', input }));
    case 'ticket':
      return map(buildTicket(raw), (input) => ({ kind: 'ticket', input }));
    case 'deal':
      return map(buildDeal(raw), (input) => ({ kind: 'deal', input }));
    case 'deals':
      return map(buildDeals(raw), (input) => ({ kind: 'deals' as const, ...input }));
    case 'contract':
      return map(buildContract(raw, ctx), (input) => ({ kind: 'contract', input }));
    case 'payment':
      return map(buildPayment(raw, ctx), (input) => ({ kind: 'payment', input }));
    case 'kpi':
      return map(buildKpi(raw, ctx), (input) => ({ kind: 'performance', input }));
    case 'plan':
      return map(buildPlan(raw), (input) => ({ kind: 'performance', input }));
    case 'goal':
      return map(buildGoal(raw, ctx), (input) => ({ kind: 'performance', input }));
    case 'finance':
      return map(buildFinance(raw, ctx), (input) => ({ kind: 'performance', input }));
    case 'help':
      return ok({ kind: 'help', topic: raw.words ? (commandByWord(raw.words.split(/\s+/)[0] ?? '') ?? null) : null });
    default: {
      const unbuilt: never = raw.name;
      throw new Error(`command ${String(unbuilt)} has no builder`);
    }
  }
}

const ok = (value: Command): Parsed<Command> => ({ ok: true, value });

const map = <T>(parsed: Parsed<T>, to: (value: T) => Command): Parsed<Command> =>
  parsed.ok ? ok(to(parsed.value)) : parsed;
