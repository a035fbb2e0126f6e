import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClientView } from '../../src/commands/clients/read-client.ts';
import type { ContractAction } from '../../src/commands/contracts/read-contract.ts';
import type { DealAction } from '../../src/commands/deals/read-deal.ts';
import type { TicketAction } from '../../src/commands/tickets/read-ticket.ts';
import { COMMAND_NAMES, FORMS, parseCommand, parseFormSubmission, type Command, type FormName } from '../../src/commands/registry.ts';
import type { PolicyErrorCode } from '../../src/core/errors.ts';
import { policyAckJob } from '../../src/core/policy-ack/policy-ack-job.ts';
import type { KpiQuery } from '../../src/core/performance/show-kpi.ts';
import { mayOwnClients, ROLES, type Role } from '../../src/core/people.ts';
import type { Actor } from '../../src/core/ports.ts';
import type { View } from '../../src/views/view.ts';
import { matrixWorld, OWNER, outcomeOf, type Action, type MatrixWorld, type Outcome } from '../support/authorization-world.ts';
import { backends } from '../support/test-database.ts';

/**
 * The authorization matrix (issue 10): every role of policy.md × every
 * command, form and card button of contract.md, each cell the outcome
 * policy.md gives, run through the bot as a person reaches it (typed, a
 * button of a reply pressed, a form submitted: what every adapter hands to
 * `bot.handleText` and `bot.submitForm`). Each role has a database of its
 * own (authorization-world.ts: one person per role, all tied to the data the
 * way their role is), and each cell makes the client, deal, contract,
 * ticket or request it acts on, owned by someone else, so the outcome is
 * decided by the role.
 *
 * A command, a verb of a command, a form or a button added to the bot
 * without its row here fails the coverage tests at the bottom; a role added
 * to src/core/people.ts without its column fails them too.
 */

// ── Outcomes: allowed, or the refusal code (src/core/errors.ts) ──
const OK = 'allowed';
const REFUSED = 'refused (code to be named by the fix)';
const NOT_ALLOWED: PolicyErrorCode = 'not_allowed';
const NOT_INSIDER: PolicyErrorCode = 'not_client_insider';
const NOT_DEAL: PolicyErrorCode = 'not_deal_insider';
const NOT_CONTRACT: PolicyErrorCode = 'not_contract_insider';
const NOT_STEP: PolicyErrorCode = 'not_your_step';
const NOT_REPORT: PolicyErrorCode = 'not_your_report';
const NOT_RECORDER: PolicyErrorCode = 'not_payment_recorder';
const MANAGERS: PolicyErrorCode = 'managers_only';
const NO_TARGETS: PolicyErrorCode = 'no_targets';
const NO_GOAL: PolicyErrorCode = 'no_goal';
const NO_REVIEW: PolicyErrorCode = 'no_failed_review';
const NO_APPROVER: PolicyErrorCode = 'no_approver';
const TOP_NEEDED: PolicyErrorCode = 'top_approver_needed';
const CANT_APPROVE: PolicyErrorCode = 'delegate_cannot_approve';
const CONFIRMERS: PolicyErrorCode = 'grade_confirmers_only';
const CONFIRM_OWN: PolicyErrorCode = 'grade_confirm_own';
const NOT_MINE: PolicyErrorCode = 'not_requester';
const LOCKED: PolicyErrorCode = 'month_locked';
const SIGN_REF: PolicyErrorCode = 'sign_ref_required';
/** A cell that ends in a form for the person to confirm, not yet submitted (a pasted page's pre-filled lead form). */
const LEAD_FORM = 'form lead (not submitted)';
type Expected = typeof OK | typeof REFUSED | typeof LEAD_FORM | PolicyErrorCode;

/**
 * The table's columns, in order. `promotion` (市场推广) is "as sales" in
 * policy.md: its cells are the sales column's. Where promotion staff differ
 * from sales (no LEAD-1 daily target, their own KPI-1 new-client target) the
 * reply differs, not the outcome: the lead is saved, the figures are shown
 * (test/core/performance.test.ts covers the targets).
 */
const TABLE_ROLES = ['sales', 'account_manager', 'regional_manager', 'department_manager', 'marketing_reviewer', 'legal', 'finance', 'partner', 'admin'] as const;
const AS_SALES: readonly string[] = ['promotion'];
const COLUMNS: Role[] = [...TABLE_ROLES, ...ROLES.filter((r) => AS_SALES.includes(r))];
const expectedOf = (row: Row, role: Role): Expected => {
  const column = AS_SALES.includes(role) ? 'sales' : role;
  const at = (TABLE_ROLES as readonly string[]).indexOf(column);
  const cell = row.cells[at];
  if (cell === undefined) throw new Error(`row "${row.name}" has no column for ${role}`);
  return cell;
};

/** Roles that carry personal targets (KPI-1): they are reviewed, have monthly goals, owe plans. */
const WITH_TARGETS: readonly string[] = ['sales', 'account_manager', 'promotion'];

/**
 * What a cell does, named from the bot's own Command (src/commands/registry.ts):
 * the command and its verb. `opOf` is exhaustive over Command, so a new
 * command kind or verb does not compile until it is named here, and
 * EVERY_OP below then asks for its row.
 */
type Op =
  | 'lead' | 'lead.allow' | 'lead.refuse' | 'lead.paste' | 'leads' | 'import' | 'export' | 'client.show' | 'client.history' | 'client.update' | 'client.confirm_grade' | 'client.keep_grade' | 'visit' | 'deals' | 'expense' | 'promo' | 'delegate' | 'leave' | 'remind'
  | 'plan' | 'goal.set' | 'goal.agree' | 'goal.list' | 'finance.check' | 'finance.lock' | 'help' | 'payment'
  | `policy.${'show' | 'rule' | 'ack' | 'status'}`
  | `deal.${DealAction['action']}` | `contract.${ContractAction['action']}` | `ticket.${TicketAction['action']}`
  | `approvals.${'list' | 'approve' | 'reject' | 'withdraw'}` | `kpi.${KpiQuery['scope']}` | `form.${FormName}`;

function opOf(command: Command): Op {
  switch (command.kind) {
    case 'export':
      return 'export';
    case 'lead': case 'leads': case 'visit': case 'deals': case 'delegate': case 'leave': case 'remind': case 'payment':
      return command.kind;
    case 'held_lead':
      return `lead.${command.input.decision}`;
    case 'import_leads':
      return 'import';
    case 'lead_paste':
      return 'lead.paste';
    case 'client':
      return isClientView(command.input) ? 'client.show' : 'client.update';
    case 'grade_decision':
      return command.input.confirm ? 'client.confirm_grade' : 'client.keep_grade';
    case 'client_history':
      return 'client.history';
    case 'deal':
      return `deal.${command.input.action}`;
    case 'contract':
      return `contract.${command.input.action}`;
    case 'ticket':
      return `ticket.${command.input.action}`;
    case 'submit_approval':
      return command.input.kind === 'expense' ? 'expense' : 'promo';
    case 'approvals':
      return command.input.action === 'decide' ? `approvals.${command.input.decision}` : `approvals.${command.input.action}`;
    case 'performance': {
      const input = command.input;
      switch (input.action) {
        case 'kpi': return `kpi.${input.query.scope}`;
        case 'plan': return 'plan';
        case 'goal_set': return 'goal.set';
        case 'goal_agree': return 'goal.agree';
        case 'goal_list': return 'goal.list';
        case 'finance_check': return 'finance.check';
        case 'finance_lock': return 'finance.lock';
        default: { const unnamed: never = input; throw new Error(`no op for ${JSON.stringify(unnamed)}`); }
      }
    }
    case 'help':
      return 'help';
    case 'policy':
      return command.input.action === 'show' ? (command.input.rule ? 'policy.rule' : 'policy.show') : `policy.${command.input.action}`;
    case 'form':
      return `form.${command.form}`;
    default: {
      const unnamed: never = command;
      throw new Error(`no op for ${JSON.stringify(unnamed)}`);
    }
  }
}

/** Every op a cell can end in (a bare command's form is only a step on the way): each needs at least one row. */
const EVERY_OP = {
  lead: 0, 'lead.allow': 0, 'lead.refuse': 0, 'lead.paste': 0, leads: 0, import: 0, export: 0, 'client.show': 0, 'client.history': 0, 'client.update': 0, 'client.confirm_grade': 0, 'client.keep_grade': 0, visit: 0,
  'deal.open': 0, 'deal.show': 0, 'deal.next': 0, 'deal.needs': 0, 'deal.proposal': 0, 'deal.lost': 0, deals: 0,
  'contract.draft': 0, 'contract.show': 0, 'contract.submit': 0, 'contract.sign': 0, payment: 0,
  'ticket.open': 0, 'ticket.show': 0, 'ticket.respond': 0, 'ticket.close': 0,
  expense: 0, promo: 0, 'approvals.list': 0, 'approvals.approve': 0, 'approvals.reject': 0, 'approvals.withdraw': 0, delegate: 0,
  'kpi.me': 0, 'kpi.person': 0, 'kpi.team': 0, plan: 0, 'goal.set': 0, 'goal.agree': 0, 'goal.list': 0, 'finance.check': 0, 'finance.lock': 0,
  leave: 0, remind: 0, help: 0,
  'policy.show': 0, 'policy.rule': 0, 'policy.ack': 0, 'policy.status': 0,
} as const satisfies Record<Exclude<Op, `form.${string}`>, 0>;

/** How a row's cell is reached: what it does (the op, and the form it ends by submitting) and its own set-up and action. */
interface How {
  op: Op;
  form?: FormName;
  /** The cell: its own set-up, then the one action the actor takes (typed, a button pressed, a form submitted), whose view is the outcome. */
  run: (w: MatrixWorld, me: Actor) => Promise<View>;
}
const how = (does: Op | [Op, FormName], run: How['run']): How => (typeof does === 'string' ? { op: does, run } : { op: does[0], form: does[1], run });

interface Row extends How {
  name: string;
  cells: readonly Expected[];
}

const TODAY = '2026-11-26';
const PARSE = { today: TODAY };
const NEEDS = Object.fromEntries([...Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, `答${i + 1}`]), ['method', 'phone']]);
let leadSerial = 0;
const newCompany = (me: Actor) => `矩阵新线索${me.person.id}${++leadSerial}有限公司`;
/** A company page as copied from an information site: a checksum-valid credit code makes it one even without `/lead paste`. */
const PASTED_PAGE = '企业名称：矩阵粘贴测试有限公司\n统一社会信用代码：91310115MA1K3YJ12G\n法定代表人：张建国\n电话：021-58881234';
const newPhone = () => `1370000${String(++leadSerial).padStart(4, '0')}`;

/** What each role's database holds before its cells run: see `seed` below. */
interface Seeded {
  subject: string;
  deal: number;
  ticket: number;
  /** Signed on 2026-10-12, before finance locked October. */
  octoberContract: number;
}
let seeded: Seeded;

/**
 * The table. Each cell is policy.md's outcome for that role (Roles table and
 * rules; the issue-10 readings for approvals). Where policy.md is silent
 * (who besides staff may ask for an expense or a promotion, report a lead,
 * delegate, see a list of their own), the cell is what the code does.
 * With the default policy file (no `expenses.top_approver`), a request of the
 * department manager, who has nobody above him (as 王五 in the example org),
 * would be decided only by his subordinates: top_approver_needed (EXP-1
 * reading, src/core/approvals/chain.ts).
 */
// prettier-ignore
const TABLE: [string, ...Expected[]][] = [
  //                                                                          sales         account_mgr   regional_mgr  dept_mgr      mkt_reviewer  legal         finance       partner       admin
  // ── Leads and clients (LEAD-1..3, CLI-1..3, SEC-1): staff and managers own clients; partners never see one ──
  ['report a lead',                                                           OK,           OK,           OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  ['report a lead through its form',                                          OK,           OK,           OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  // Bulk import: each row is a /lead, so whoever may report a lead may import, refused once for the whole file otherwise
  ['import leads from a file',                                                OK,           OK,           OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  ['ask to import leads, the file to follow',                                 OK,           OK,           OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  // Exports (SEC-2): managers only, a regional manager their region, the department manager all
  ['export the leads',                                                        'export_managers_only', 'export_managers_only', OK, OK, 'export_managers_only', 'export_managers_only', 'export_managers_only', 'export_managers_only', 'export_managers_only'],
  // A pasted page is read for whoever may report a lead; the form it fills in saves nothing until submitted (then as `/lead`)
  ['paste a company page',                                                    LEAD_FORM,    LEAD_FORM,    LEAD_FORM,    LEAD_FORM,    NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  ['paste a company page alone in a message',                                 LEAD_FORM,    LEAD_FORM,    LEAD_FORM,    LEAD_FORM,    NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  ['list my leads',                                                           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ["open another's client card",                                              OK,           OK,           OK,           OK,           OK,           OK,           OK,           NOT_ALLOWED,  OK],
  ["open another's client card through its form",                             OK,           OK,           OK,           OK,           OK,           OK,           OK,           NOT_ALLOWED,  OK],
  ["set another's client's annual purchase",                                  NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["override another's client's grade with a reason",                         NOT_INSIDER,  MANAGERS,     OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["assign the account manager of another's client",                          NOT_INSIDER,  NOT_INSIDER,  OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  // CLI-2: a client become A without an account manager asks the region's regional manager; the card's buttons assign as typing would
  ["press an account manager on the card asking for one for another's A client", NOT_INSIDER, NOT_INSIDER, OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  // CLI-3 with SEC-1: the archive holds deals, contracts and payments: the client's insiders, the region's regional manager, legal and finance
  ["read another's client archive",                                           NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  OK,           OK,           NOT_ALLOWED,  NOT_INSIDER],
  ["press Client archive on another's client card",                           NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  OK,           OK,           NOT_ALLOWED,  NOT_INSIDER],
  // LEAD-2: the owner's report of the holder's name under another credit code is held; the reporter's regional manager or the department manager decides
  ["press Allow on the owner's held duplicate and give the reason",           MANAGERS,     MANAGERS,     OK,           OK,           MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS],
  ["allow the owner's held duplicate with a reason",                          MANAGERS,     MANAGERS,     OK,           OK,           MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS],
  ["press Refuse on the owner's held duplicate",                              MANAGERS,     MANAGERS,     OK,           OK,           MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS,     MANAGERS],
  ["press Client on a manager's answer allowing a duplicate",                 OK,           OK,           OK,           OK,           OK,           OK,           OK,           NOT_ALLOWED,  OK],
  // CLI-1 with INC-1: the owner's raise waits for the region's regional manager or the department manager, never the owner or whoever made it
  ["press Confirm on the owner's raised grade",                               CONFIRMERS,   CONFIRMERS,   OK,           OK,           CONFIRMERS,   CONFIRMERS,   CONFIRMERS,   NOT_ALLOWED,  CONFIRMERS],
  ["press Keep the old grade on the owner's raised grade",                    CONFIRMERS,   CONFIRMERS,   OK,           OK,           CONFIRMERS,   CONFIRMERS,   CONFIRMERS,   NOT_ALLOWED,  CONFIRMERS],
  // Roles that hold clients raise a grade of their own client; the others hold none, so press the owner's (see HOW)
  ['press Confirm on the raised grade of my own client',                      CONFIRM_OWN,  CONFIRM_OWN,  CONFIRM_OWN,  CONFIRM_OWN,  CONFIRMERS,   CONFIRMERS,   CONFIRMERS,   NOT_ALLOWED,  CONFIRMERS],
  ["record a visit to another's client",                                      NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["record a visit to another's client through its form",                     NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  // ── Deals (PIPE-1..4): the owner, the account manager and the managers above the owner ──
  ["open a deal for another's client",                                        NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["open a deal for another's client through its form",                       NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["open another's deal card",                                                NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["press Next on another's deal card",                                       NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["answer another's needs checklist",                                        NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["press Needs on another's deal card and fill the checklist",               NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["record another's proposal",                                               NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["record another's proposal through its form",                              NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ["press Lost on another's deal card and give the reason",                   NOT_DEAL,     OK,           OK,           OK,           NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL,     NOT_DEAL],
  ['list my deals',                                                           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  // ── Contracts and payments (CON-1..3): the deal's insiders draft and sign; legal and finance read; finance and the owner record payments ──
  ["draft another's contract",                                                NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["draft another's contract through its form",                               NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["open another's contract card",                                            NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, OK,           OK,           NOT_CONTRACT, NOT_CONTRACT],
  // The submitter is the review's requester; legal reports to the department manager, so his review would be decided only by a subordinate: top_approver_needed
  ["press Submit on another's contract card",                                 NOT_CONTRACT, OK,           OK,           TOP_NEEDED,   NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["press Signed on another's approved contract card",                        NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  // PIPE-4: a paper contract is signed with its number (ref:); an e-signed one may give the platform's reference
  ["sign another's approved paper contract with its number",                  NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["sign another's approved paper contract without its number",               NOT_CONTRACT, SIGN_REF,     SIGN_REF,     SIGN_REF,     NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["sign another's approved e-signed contract with the platform's reference", NOT_CONTRACT, OK,           OK,           OK,           NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT, NOT_CONTRACT],
  ["record a payment on another's contract",                                  NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, OK,           NOT_RECORDER, NOT_RECORDER],
  ["record a payment on another's contract through its form",                 NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, OK,           NOT_RECORDER, NOT_RECORDER],
  ['record a payment dated in a month finance has locked',                    NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, NOT_RECORDER, LOCKED,       NOT_RECORDER, NOT_RECORDER],
  // ── After-sales tickets (CLI-4): the client's insiders ──
  ["open a ticket on another's client",                                       NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["open a ticket on another's client through its form",                      NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["open another's ticket card",                                              NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["respond to another's ticket",                                             NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["press Respond on another's ticket card and write the response",           NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  ["press Close on another's answered ticket card",                           NOT_INSIDER,  OK,           OK,           OK,           NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER,  NOT_INSIDER],
  // ── Approvals (EXP-1, PROMO-1, CON-2): everyone but partners asks; each step is decided only by its role's approver ──
  // The department manager's requests: nobody above him and no top approver named. The marketing reviewer's own promotion: no other reviewer holds its role step
  ['ask for an 8,000 expense',                                                OK,           OK,           OK,           TOP_NEEDED,   OK,           OK,           OK,           NOT_ALLOWED,  OK],
  ['ask for an 8,000 expense through its form',                               OK,           OK,           OK,           TOP_NEEDED,   OK,           OK,           OK,           NOT_ALLOWED,  OK],
  ['submit a promotion',                                                      OK,           OK,           OK,           TOP_NEEDED,   NO_APPROVER,  OK,           OK,           NOT_ALLOWED,  OK],
  ['submit a promotion through its form',                                     OK,           OK,           OK,           TOP_NEEDED,   NO_APPROVER,  OK,           OK,           NOT_ALLOWED,  OK],
  ['list what waits on me',                                                   OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ["press Approve on another's 8,000 expense at the regional manager's step", NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["approve another's 20,000 expense at the department manager's step",       NOT_STEP,     NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["approve another's 60,000 expense at finance's step",                      NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP],
  ["press Reject on another's expense and give the reason",                   NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["press Approve on another's promotion",                                    NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["reject another's promotion with a reason",                                NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["press Approve on another's contract review",                              NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     NOT_STEP,     OK,           NOT_STEP,     NOT_STEP,     NOT_STEP],
  ["press Withdraw on another's request",                                     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE,     NOT_MINE],
  // Issue 10 §3: a delegate must be able to hold the steps; who holds no step has nothing to delegate (not_allowed)
  ['delegate my approvals to a salesperson',                                  NOT_ALLOWED,  NOT_ALLOWED,  CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, NOT_ALLOWED,  NOT_ALLOWED],
  ['delegate my approvals to a salesperson through the form, picking them',   NOT_ALLOWED,  NOT_ALLOWED,  CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, CANT_APPROVE, NOT_ALLOWED,  NOT_ALLOWED],
  // ── Performance (KPI-1..7): staff with targets are reviewed; managers see and set goals for their people; only finance locks ──
  ['see my review figures',                                                   OK,           OK,           OK,           OK,           NO_TARGETS,   NO_TARGETS,   NO_TARGETS,   NO_TARGETS,   NO_TARGETS],
  ["see another's review figures",                                            NOT_REPORT,   NOT_REPORT,   OK,           OK,           NOT_REPORT,   NOT_REPORT,   NOT_REPORT,   NOT_REPORT,   NOT_REPORT],
  ["see the team's figures",                                                  NOT_ALLOWED,  NOT_ALLOWED,  OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
  ['submit my improvement plan',                                              OK,           OK,           NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW],
  ['submit my improvement plan through its form',                             OK,           OK,           NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW,    NO_REVIEW],
  ["set a salesperson's monthly goals",                                       NOT_REPORT,   NOT_REPORT,   OK,           OK,           NOT_REPORT,   NOT_REPORT,   NOT_REPORT,   NOT_REPORT,   NOT_REPORT],
  ['press Agree on my monthly goals',                                         OK,           OK,           NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL],
  ["agree next month's goals",                                                OK,           OK,           NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL,      NO_GOAL],
  ['see the monthly goals',                                                   OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ["check a month's figures",                                                 NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  OK,           NOT_ALLOWED,  NOT_ALLOWED,  OK,           NOT_ALLOWED,  NOT_ALLOWED],
  ["press Lock on finance's check of a month",                                NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  OK,           NOT_ALLOWED,  NOT_ALLOWED],
  ['lock a month',                                                            NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  OK,           NOT_ALLOWED,  NOT_ALLOWED],
  // ── Availability and help: everyone's own ──
  ['record my leave',                                                         OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['mute my optional reminders',                                              OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['ask for help',                                                            OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  // ── The policy (TRN-1): everyone reads and acknowledges it, partners included; managers see who has not, of their region or of all ──
  ['read the policy',                                                         OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['read one rule of the policy',                                             OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  // Pressed first: once acknowledged, the rule offers no Acknowledge button.
  ['press Acknowledge on the policy',                                         OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['acknowledge the policy',                                                  OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['press Read the policy on a reminder to acknowledge it',                   OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ["press the rule on another's refusal",                                     OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK,           OK],
  ['see who has not acknowledged the policy',                                 NOT_ALLOWED,  NOT_ALLOWED,  OK,           OK,           NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED,  NOT_ALLOWED],
];

/** How each row's cell is reached: what it does (the op, and the form it submits) and its set-up and action. */
const HOW: Record<string, How> = {
  // ── Leads and clients ──
  'report a lead': how('lead', (w, me) => w.type(me, `/lead ${newCompany(me)} contact:李工 phone:${newPhone()} size:50人 position:一般`)),
  'report a lead through its form': how(['lead', 'lead'], (w, me) => w.form(me, '/lead', 'lead', { company: newCompany(me), contact: '李工', phone: newPhone(), size: '50人', position: '一般' })),
  'import leads from a file': how('import', (w, me) => {
    w.lastAction = { text: '/import leads' };
    const body = `企业名称,联系人,电话,人员规模,行业地位\r\n${newCompany(me)},李工,${newPhone()},50人,一般\r\n`;
    const bytes = new TextEncoder().encode(body);
    return w.fixture.bot.handleFile(me, { name: 'leads.csv', size: bytes.byteLength, bytes }, '/import leads');
  }),
  'ask to import leads, the file to follow': how('import', (w, me) => w.type(me, '/导入 线索')),
  'export the leads': how('export', (w, me) => w.type(me, '/导出 线索')),
  'paste a company page': how('lead.paste', (w, me) => w.type(me, `/lead paste\n${PASTED_PAGE}`)),
  'paste a company page alone in a message': how('lead.paste', (w, me) => w.type(me, PASTED_PAGE)),
  'list my leads': how('leads', (w, me) => w.type(me, '/leads today')),
  "open another's client card": how('client.show', (w, me) => w.type(me, `/client ${seeded.subject}`)),
  "open another's client card through its form": how(['client.show', 'client'], (w, me) => w.form(me, '/client', 'client', { company: seeded.subject })),
  "set another's client's annual purchase": how('client.update', (w, me) => w.type(me, `/client ${seeded.subject} purchase:700万`)),
  "override another's client's grade with a reason": how('client.update', async (w, me) => w.type(me, `/client ${await w.client()} grade:B reason:需求潜力`)),
  "assign the account manager of another's client": how('client.update', async (w, me) => w.type(me, `/client ${await w.client({ accountManager: false })} manager:@account_manager`)),
  "press an account manager on the card asking for one for another's A client": how('client.update', async (w, me) => {
    const company = await w.client({ accountManager: false });
    await w.say('regional_manager', `/client ${company} purchase:600万`);
    return w.press(me, await w.card((n) => n.kind === 'account_manager_needed' && n.company === company), `/client ${company} manager:@account_manager`);
  }),
  "read another's client archive": how('client.history', (w, me) => w.type(me, `/client ${seeded.subject} history`)),
  "press Client archive on another's client card": how('client.history', async (w, me) => w.press(me, await w.say(OWNER, `/client ${seeded.subject}`), / history$/)),
  "press Allow on the owner's held duplicate and give the reason": how(['lead.allow', 'lead_allow'], async (w, me) => w.press(me, await heldCard(w), '/lead allow', { reason: '信用代码不同，是另一家公司' })),
  "allow the owner's held duplicate with a reason": how('lead.allow', async (w, me) => w.type(me, `/lead allow ${await w.heldLead()} reason:信用代码不同`)),
  "press Refuse on the owner's held duplicate": how('lead.refuse', async (w, me) => w.press(me, await heldCard(w), '/lead refuse')),
  "press Client on a manager's answer allowing a duplicate": how('client.show', async (w, me) => w.press(me, await w.say('regional_manager', `/lead allow ${await w.heldLead()} reason:另一家公司`), '/client #')),
  "press Confirm on the owner's raised grade": how('client.confirm_grade', async (w, me) => w.press(me, await gradeCard(w, await w.raisedGrade()), / confirm:/)),
  "press Keep the old grade on the owner's raised grade": how('client.keep_grade', async (w, me) => w.press(me, await gradeCard(w, await w.raisedGrade()), / keep:/)),
  // Whoever may hold clients raises their own client's grade; the others cannot, so they press on the owner's raise.
  'press Confirm on the raised grade of my own client': how('client.confirm_grade', async (w, me) =>
    w.press(me, await gradeCard(w, await w.raisedGrade(mayOwnClients(me.person.role) ? me.person.id : OWNER)), / confirm:/),
  ),
  "record a visit to another's client": how('visit', (w, me) => w.type(me, `/visit ${seeded.subject} method:phone note:回访`)),
  "record a visit to another's client through its form": how(['visit', 'visit'], (w, me) => w.form(me, '/visit', 'visit', { company: seeded.subject, method: 'onsite' })),
  // ── Deals ──
  "open a deal for another's client": how('deal.open', async (w, me) => w.type(me, `/deal new ${await w.client()} amount:30万`)),
  "open a deal for another's client through its form": how(['deal.open', 'deal'], async (w, me) => w.form(me, '/deal', 'deal', { company: await w.client(), amount: '30万' })),
  "open another's deal card": how('deal.show', (w, me) => w.type(me, `/deal ${seeded.deal}`)),
  "press Next on another's deal card": how('deal.next', async (w, me) => w.press(me, await w.say(OWNER, `/deal ${await w.deal()}`), / next /)),
  "answer another's needs checklist": how('deal.needs', async (w, me) => w.type(me, `/deal ${await w.deal()} needs q1:预算充足 method:phone`)),
  "press Needs on another's deal card and fill the checklist": how(['deal.needs', 'needs'], async (w, me) => w.press(me, await w.say(OWNER, `/deal ${await w.deal()}`), / needs$/, NEEDS)),
  "record another's proposal": how('deal.proposal', async (w, me) => w.type(me, `/deal ${await w.deal()} proposal products:机床 pricing:九折 service:上门`)),
  "record another's proposal through its form": how(['deal.proposal', 'proposal'], async (w, me) => w.type(me, `/deal ${await w.deal()} proposal`, { products: '机床', pricing: '九折', service: '上门' })),
  "press Lost on another's deal card and give the reason": how(['deal.lost', 'lost'], async (w, me) => w.press(me, await w.say(OWNER, `/deal ${await w.deal()}`), / lost$/, { reason: '预算取消' })),
  'list my deals': how('deals', (w, me) => w.type(me, '/deals')),
  // ── Contracts and payments ──
  "draft another's contract": how('contract.draft', async (w, me) => w.type(me, `/contract ${await w.deal(4)} amount:50万 delivery:2026-12-20 method:银行转账 term:30 penalty:5% sign:paper`)),
  "draft another's contract through its form": how(['contract.draft', 'contract'], async (w, me) => w.form(me, '/contract', 'contract', { deal_id: String(await w.deal(4)), amount: '50万', delivery: '2026-12-20', method: '银行转账', term: '30', penalty: '5%', sign: 'paper' })),
  "open another's contract card": how('contract.show', (w, me) => w.type(me, `/contract ${seeded.octoberContract}`)),
  "press Submit on another's contract card": how('contract.submit', async (w, me) => w.press(me, await w.say(OWNER, `/contract ${await w.contract('draft')}`), / submit$/)),
  "press Signed on another's approved contract card": how('contract.sign', async (w, me) => w.press(me, await w.say(OWNER, `/contract ${await w.contract('approved')}`), / signed$/)),
  "sign another's approved paper contract with its number": how('contract.sign', async (w, me) => w.type(me, `/contract ${await paperContract(w)} signed ref:HT-2026-001`)),
  "sign another's approved paper contract without its number": how('contract.sign', async (w, me) => w.type(me, `/contract ${await paperContract(w)} signed`)),
  "sign another's approved e-signed contract with the platform's reference": how('contract.sign', async (w, me) => w.type(me, `/contract ${await w.contract('approved')} signed ref:ESIGN-7F3A`)),
  "record a payment on another's contract": how('payment', (w, me) => w.type(me, `/payment ${seeded.octoberContract} amount:1万`)),
  "record a payment on another's contract through its form": how(['payment', 'payment'], (w, me) => w.form(me, '/payment', 'payment', { contract_id: String(seeded.octoberContract), amount: '1万' })),
  'record a payment dated in a month finance has locked': how('payment', (w, me) => w.type(me, `/payment ${seeded.octoberContract} amount:1万 date:2026-10-20`)),
  // ── After-sales tickets ──
  "open a ticket on another's client": how('ticket.open', async (w, me) => w.type(me, `/ticket ${await w.client()} problem:无法开机`)),
  "open a ticket on another's client through its form": how(['ticket.open', 'ticket'], async (w, me) => w.form(me, '/ticket', 'ticket', { company: await w.client(), problem: '无法开机' })),
  "open another's ticket card": how('ticket.show', (w, me) => w.type(me, `/ticket ${seeded.ticket}`)),
  "respond to another's ticket": how('ticket.respond', (w, me) => w.type(me, `/ticket ${seeded.ticket} respond 已联系客户`)),
  "press Respond on another's ticket card and write the response": how(['ticket.respond', 'ticket_respond'], async (w, me) => w.press(me, await w.say(OWNER, `/ticket ${seeded.ticket}`), / respond$/, { response: '已联系客户' })),
  "press Close on another's answered ticket card": how('ticket.close', async (w, me) => w.press(me, await w.say(OWNER, `/ticket ${await w.ticket(true)}`), / close$/)),
  // ── Approvals ──
  'ask for an 8,000 expense': how('expense', (w, me) => w.type(me, '/expense 8000 展会物料')),
  'ask for an 8,000 expense through its form': how(['expense', 'expense'], (w, me) => w.form(me, '/expense', 'expense', { amount: '8000', purpose: '展会物料' })),
  'submit a promotion': how('promo', (w, me) => w.type(me, '/promo 冬季新品 product:智能门锁 start:2026-12-20')),
  'submit a promotion through its form': how(['promo', 'promo'], (w, me) => w.form(me, '/promo', 'promo', { subject: '冬季新品', start: '2026-12-20' })),
  'list what waits on me': how('approvals.list', (w, me) => w.type(me, '/approvals')),
  "press Approve on another's 8,000 expense at the regional manager's step": how('approvals.approve', async (w, me) => approvalButton(w, me, await w.expense(8000), 'regional_manager', 'approve')),
  "approve another's 20,000 expense at the department manager's step": how('approvals.approve', async (w, me) => w.type(me, `/approvals approve ${await w.expense(20_000, ['regional_manager'])}`)),
  "approve another's 60,000 expense at finance's step": how('approvals.approve', async (w, me) => w.type(me, `/approvals approve ${await w.expense(60_000, ['regional_manager', 'department_manager'])}`)),
  "press Reject on another's expense and give the reason": how(['approvals.reject', 'reject'], async (w, me) => approvalButton(w, me, await w.expense(8000), 'regional_manager', 'reject', { reason: '超出预算' })),
  "press Approve on another's promotion": how('approvals.approve', async (w, me) => approvalButton(w, me, await w.promotion(), 'marketing_reviewer', 'approve')),
  "reject another's promotion with a reason": how('approvals.reject', async (w, me) => w.type(me, `/approvals reject ${await w.promotion()} reason:卖点不清`)),
  "press Approve on another's contract review": how('approvals.approve', async (w, me) => approvalButton(w, me, await w.contractReview(), 'legal', 'approve')),
  "press Withdraw on another's request": how('approvals.withdraw', async (w, me) => w.press(me, await w.say(OWNER, '/expense 8000 展会物料'), '/approvals withdraw')),
  'delegate my approvals to a salesperson': how('delegate', (w, me) => w.type(me, `/delegate @${OWNER} until:2026-12-10`)),
  // The person picker hands the bot the picked person as `@id` (the adapters read the platform's user as the directory's person).
  'delegate my approvals to a salesperson through the form, picking them': how(['delegate', 'delegate'], (w, me) => w.form(me, '/delegate', 'delegate', { id: `@${OWNER}`, until: '2026-12-10' })),
  // ── Performance ──
  'see my review figures': how('kpi.me', (w, me) => w.type(me, '/kpi')),
  "see another's review figures": how('kpi.person', (w, me) => w.type(me, `/kpi @${OWNER}`)),
  "see the team's figures": how('kpi.team', (w, me) => w.type(me, '/kpi team')),
  'submit my improvement plan': how('plan', (w, me) => w.type(me, '/plan 每周多拜访三家老客户')),
  'submit my improvement plan through its form': how(['plan', 'plan'], (w, me) => w.form(me, '/plan', 'plan', { text: '每周多拜访三家老客户' })),
  "set a salesperson's monthly goals": how('goal.set', (w, me) => w.type(me, `/goal @${OWNER} sales:40万 clients:3`)),
  'press Agree on my monthly goals': how('goal.agree', (w, me) => agreeButton(w, me)),
  "agree next month's goals": how('goal.agree', async (w, me) => {
    await goalFor(w, me, '2026-12');
    return w.type(me, '/goal agree 2026-12');
  }),
  'see the monthly goals': how('goal.list', (w, me) => w.type(me, '/goal')),
  "check a month's figures": how('finance.check', (w, me) => w.type(me, '/finance check 2026-10')),
  "press Lock on finance's check of a month": how('finance.lock', async (w, me) => w.press(me, await w.say('finance', '/finance check 2026-09'), '/finance lock')),
  'lock a month': how('finance.lock', (w, me) => w.type(me, '/finance lock 2026-08')),
  // ── Availability and help ──
  'record my leave': how('leave', (w, me) => w.type(me, '/leave 2026-12-10 2026-12-11')),
  'mute my optional reminders': how('remind', (w, me) => w.type(me, '/remind off')),
  'ask for help': how('help', (w, me) => w.type(me, '/help')),
  // ── The policy (TRN-1) ──
  'read the policy': how('policy.show', (w, me) => w.type(me, '/policy')),
  'read one rule of the policy': how('policy.rule', (w, me) => w.type(me, '/policy EXP-1')),
  'acknowledge the policy': how('policy.ack', (w, me) => w.type(me, '/policy ack')),
  'press Acknowledge on the policy': how('policy.ack', async (w, me) => w.press(me, await w.type(me, '/policy SEC-2'), '/policy ack')),
  'press Read the policy on a reminder to acknowledge it': how('policy.show', async (w, me) => {
    await policyAckJob(w.fixture.deps, new Date(`${TODAY}T10:15:00+08:00`));
    return w.press(me, await w.card((n) => n.kind === 'policy_ack_due'), /^\/policy$/);
  }),
  "press the rule on another's refusal": how('policy.rule', async (w, me) => {
    // LEAD-2: the holder reports the owner's client again and is refused; the refusal offers the rule.
    const refused = await w.fixture.bot.handleText(w.as('holder'), `/lead ${seeded.subject} contact:李经理 phone:${newPhone()} size:200人 position:区域龙头`);
    return w.press(me, refused, '/policy ');
  }),
  'see who has not acknowledged the policy': how('policy.status', (w, me) => w.type(me, '/policy status')),
};

const ROWS: Row[] = TABLE.map(([name, ...cells]) => {
  const reached = HOW[name];
  if (!reached) throw new Error(`row "${name}" of the table has no entry in HOW`);
  return { name, ...reached, cells };
});

/**
 * Where today's code disagrees with policy.md: the table holds the policy's
 * outcome, this list what the code does today. The test checks that each is
 * still a gap, so the change that closes one makes it fail here: then delete
 * the entry (and, where the table says REFUSED, name the code).
 */
// None today: the approvals branch closed the last ones (the department manager's own requests, delegating to a salesperson).
const KNOWN_GAPS: Record<string, { today: Outcome; why: string }> = {};

/** A contract of a new deal, to be signed on paper, approved by legal. */
async function paperContract(w: MatrixWorld): Promise<number> {
  const deal = await w.deal(4);
  await w.say(OWNER, `/contract ${deal} amount:50万 delivery:2026-12-20 method:银行转账 term:30 penalty:5% sign:paper`);
  const id = await w.latestId('contracts');
  await w.say(OWNER, `/contract ${id} submit`);
  await w.say('legal', `/approvals approve ${await w.latestId('approval_requests')}`);
  return id;
}

/** A new held duplicate of the owner's, as the card its deciders get (the owner's regional manager, the department manager). */
async function heldCard(w: MatrixWorld): Promise<View> {
  const id = await w.heldLead();
  return w.card((n) => n.kind === 'lead_duplicate_held' && n.heldId === id);
}

/** The confirmation card of a client's pending raise, as its confirmer got it. */
function gradeCard(w: MatrixWorld, company: string): Promise<View> {
  return w.card((n) => n.kind === 'grade_confirmation' && n.company === company);
}

/** Presses Approve or Reject on the card the step's approver gets (their `/approvals` list carries the same buttons as the card). */
async function approvalButton(w: MatrixWorld, me: Actor, requestId: number, approver: string, verb: 'approve' | 'reject', values?: Record<string, string>): Promise<View> {
  return w.press(me, await w.say(approver, '/approvals'), `/approvals ${verb} ${requestId}`, values);
}

/** The actor's manager sets the actor's goals, where the actor has targets; for anyone else there is no goal to set. */
async function goalFor(w: MatrixWorld, me: Actor, month: string): Promise<void> {
  if (WITH_TARGETS.includes(me.person.role)) await w.say('regional_manager', `/goal @${me.person.id} sales:30万 clients:3 month:${month}`);
}

/** Agree from the actor's own goals card; one without goals gets no such card, so presses the owner's. */
async function agreeButton(w: MatrixWorld, me: Actor): Promise<View> {
  await goalFor(w, me, '2026-11');
  await w.say('regional_manager', `/goal @${OWNER} sales:30万 clients:3`);
  const mine = await w.type(me, '/goal');
  const hasAgree = mine.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.command.startsWith('/goal agree')));
  return w.press(me, hasAgree ? mine : await w.say(OWNER, '/goal'), '/goal agree');
}

/**
 * What each role's database holds before its cells: a contract signed in
 * October and October locked by finance (for the locked-month cell), the
 * owner's A-class client with the account manager assigned, a deal and a
 * ticket on it, and a failed 2026Q3 review for the actor where their role
 * is reviewed (for the plan cells).
 */
async function seed(w: MatrixWorld, me: Actor): Promise<Seeded> {
  w.fixture.clock.set('2026-10-12T10:00:00+08:00');
  const octoberContract = await w.contract('signed');
  w.fixture.clock.set(`${TODAY}T10:00:00+08:00`);
  await w.say('finance', '/finance lock 2026-10');
  const subject = await w.client();
  await w.say(OWNER, `/deal new ${subject} amount:80万`);
  const deal = await w.latestId('deals');
  await w.say(OWNER, `/ticket ${subject} problem:设备异响`);
  const ticket = await w.latestId('tickets');
  if (WITH_TARGETS.includes(me.person.role)) {
    await w.fixture.database.db
      .insertInto('quarter_reviews')
      .values({ person_id: me.person.id, quarter: '2026Q3', sales_fen: 0, new_clients: 0, collection_rate_bp: 0, attainment_bp: 0, passed: false, rank: 1, bonus_multiple: 0, computed_at: new Date('2026-10-10T02:00:00Z') })
      .execute();
  }
  return { subject, deal, ticket, octoberContract };
}

describe.each(backends)('the authorization matrix on $name', (backend) => {
  describe.each(COLUMNS)('as %s', (role) => {
    let w: MatrixWorld;
    const me = () => w.as(role);
    beforeAll(async () => {
      w = await matrixWorld(backend, `${TODAY}T10:00:00+08:00`);
      seeded = await seed(w, me());
    }, 60_000);
    afterAll(() => w?.close());

    for (const r of ROWS) {
      const expected = expectedOf(r, role);
      const gap = KNOWN_GAPS[`${role} × ${r.name}`];
      const says = expected === OK ? 'is allowed' : `is refused (${expected})`;
      it(`${r.name}: ${says}${gap ? `; a known gap, today ${gap.today}` : ''}`, async () => {
        w.lastAction = null;
        const outcome = outcomeOf(await r.run(w, me()));
        // The cell did what its row says: the last thing the actor did parses to the row's op, through the
        // row's form, unless the bot refused before opening the form (a deal's forms ask first).
        const last = w.lastAction as Action | null;
        if (!last) throw new Error(`row "${r.name}" took no action as ${role}`);
        const parsed = 'form' in last ? parseFormSubmission(last.form as FormName, last.values, PARSE) : parseCommand(last.text, PARSE);
        if (!parsed.ok) throw new Error(`row "${r.name}" ended in input the bot refuses: ${JSON.stringify(parsed.issues)}`);
        expect(opOf(parsed.value), 'the action the cell took').toBe(r.op);
        if ('form' in last) expect(last.form, 'the form the cell submitted').toBe(r.form);
        else if (r.form) expect(outcome, `refused before its form ${r.form} opened`).not.toBe(OK);

        if (gap) expect(outcome, `known gap no longer what it was (${gap.why}); policy.md expects ${expected}: delete it from KNOWN_GAPS`).toBe(gap.today);
        else expect(outcome).toBe(expected);
      });
    }
  });
});

/**
 * Every button the views can emit, as its command with each `${…}` written
 * `…`, and the row that presses it or types the very same text (a button
 * runs its command as if typed: src/views/view.ts).
 */
const BUTTONS: Record<string, string> = {
  '/approvals approve …': "press Approve on another's 8,000 expense at the regional manager's step",
  '/approvals reject …': "press Reject on another's expense and give the reason",
  '/approvals withdraw …': "press Withdraw on another's request",
  '/approvals': 'list what waits on me',
  '/client …': "open another's client card",
  '/visit …': "record a visit to another's client",
  '/lead': 'report a lead through its form',
  '/lead allow …': "press Allow on the owner's held duplicate and give the reason",
  '/lead refuse …': "press Refuse on the owner's held duplicate",
  '/client #…': "press Client on a manager's answer allowing a duplicate",
  '/client … confirm:…': "press Confirm on the owner's raised grade",
  '/client … keep:…': "press Keep the old grade on the owner's raised grade",
  '/client … history': "press Client archive on another's client card",
  '/client … manager:@…': "press an account manager on the card asking for one for another's A client",
  '/leads today': 'list my leads',
  '/deals': 'list my deals',
  '/kpi': 'see my review figures',
  '/deal …': "open another's deal card",
  '/deal … next …': "press Next on another's deal card",
  '/deal … needs': "press Needs on another's deal card and fill the checklist",
  '/deal … proposal': "record another's proposal through its form",
  '/deal … lost': "press Lost on another's deal card and give the reason",
  '/contract …': "open another's contract card",
  '/contract … submit': "press Submit on another's contract card",
  '/contract … signed': "press Signed on another's approved contract card",
  '/ticket …': "open another's ticket card",
  '/ticket … respond': "press Respond on another's ticket card and write the response",
  '/ticket … close': "press Close on another's answered ticket card",
  '/plan': 'submit my improvement plan through its form',
  '/goal': 'see the monthly goals',
  '/goal agree … …': 'press Agree on my monthly goals',
  '/finance check …': "check a month's figures",
  '/finance lock …': "press Lock on finance's check of a month",
  '/policy': 'press Read the policy on a reminder to acknowledge it',
  '/policy ack': 'press Acknowledge on the policy',
  '/policy …': "press the rule on another's refusal",
  '/policy status': 'see who has not acknowledged the policy',
};

const VIEWS = fileURLToPath(new URL('../../src/views/', import.meta.url));

/** The commands of every button in src/views: `command: '…'` or `command: \`…\`` beside a `label:`. */
function buttonTemplates(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(VIEWS).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(VIEWS + file, 'utf8');
    for (const m of text.matchAll(/label:[^\n]*?command: (?:'([^']*)'|`([^`]*)`)/g)) found.add((m[1] ?? m[2] ?? '').replace(/\$\{[^}]*\}/g, '…'));
  }
  return [...found].sort();
}

describe('the authorization matrix covers the bot', () => {
  const rowNames = new Set(ROWS.map((r) => r.name));

  it('has a column for every role of src/core/people.ts', () => {
    const missing = ROLES.filter((role) => !(TABLE_ROLES as readonly string[]).includes(role) && !AS_SALES.includes(role));
    expect(missing, 'add a column to the table (and its policy.md outcomes) for each').toEqual([]);
    expect(COLUMNS.filter((c) => !ROLES.includes(c))).toEqual([]);
    for (const r of ROWS) expect(r.cells, `row "${r.name}"`).toHaveLength(TABLE_ROLES.length);
  });

  it('has a row for every command of the registry (src/commands/registry.ts), as /help lists them', () => {
    const commands = new Set(ROWS.map((r) => r.op.split('.')[0]));
    expect(COMMAND_NAMES.filter((name) => !commands.has(name))).toEqual([]);
  });

  it('has a row for every verb the bot parses a command into', () => {
    const ops = new Set<string>(ROWS.map((r) => r.op));
    expect(Object.keys(EVERY_OP).filter((op) => !ops.has(op))).toEqual([]);
  });

  it('submits every form of the registry in some row', () => {
    const forms = new Set(ROWS.flatMap((r) => (r.form ? [r.form] : [])));
    expect((Object.keys(FORMS) as FormName[]).filter((f) => !forms.has(f))).toEqual([]);
  });

  it('has a row for every button the views can emit', () => {
    expect(buttonTemplates()).toEqual(Object.keys(BUTTONS).sort());
    expect(Object.values(BUTTONS).filter((name) => !rowNames.has(name))).toEqual([]);
  });

  it('names each row once, and says how to reach each row of the table and no other', () => {
    expect(rowNames.size).toBe(ROWS.length);
    expect(Object.keys(HOW).filter((name) => !rowNames.has(name))).toEqual([]);
  });

  it('lists as known gaps only cells of the table, each still differing from policy.md', () => {
    for (const [key, gap] of Object.entries(KNOWN_GAPS)) {
      const [role = '', name = ''] = key.split(' × ');
      const r = ROWS.find((x) => x.name === name);
      expect(r, `known gap "${key}" names no row`).toBeDefined();
      expect(COLUMNS, `known gap "${key}" names no column`).toContain(role);
      if (r) expect(gap.today, key).not.toBe(expectedOf(r, role as Role));
    }
  });

  it('leaves a refusal without its code only where a known gap waits for the fix to name it', () => {
    const unnamed = ROWS.flatMap((r) => COLUMNS.filter((role) => expectedOf(r, role) === REFUSED).map((role) => `${role} × ${r.name}`));
    expect(unnamed.filter((key) => !(key in KNOWN_GAPS))).toEqual([]);
  });
});
