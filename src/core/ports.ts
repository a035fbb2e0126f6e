import type { PolicyErrorCode } from './errors.ts';
import type { ApprovalRequest, ApprovalTransition, NewApproval } from './approvals/types.ts';
import type { Deal, DealContract, DealPatch, DealScope, NewDeal } from './deals/types.ts';
import type { OutboxEntry } from './notices.ts';
import type { Person, Platform, Role } from './people.ts';
import type { Policy } from './policy.ts';
import type { Refusal, Result } from './result.ts';
import type { IsoDate } from './time.ts';
import type { NewTicket, Ticket, TicketResponse } from './tickets/types.ts';
import type { Contract, ContractChange, DealForContract, NewContract, OpenReceivable, Payment } from './contracts/types.ts';
import type { PerformancePort } from './performance/types.ts';

/** What the core needs from the outside world; implemented in src/store and src/calendar. */

export interface Clock {
  now(): Date;
}

export interface WorkCalendar {
  /**
   * In a year the calendar does not know (see isKnown), weekends are off and
   * every weekday is taken as a working day: the documented fallback, told to
   * admins at start, in /healthz and on every reminder it affects.
   */
  isWorkingDay(date: IsoDate): boolean;
  /** Are the public holidays and make-up days of this date's year known (the maintained tables, or the policy file's lists)? */
  isKnown(date: IsoDate): boolean;
  /** The last year known, and the years from `fromYear` to `toYear` that are not. */
  coverage(fromYear: number, toYear: number): CalendarCoverage;
}

export interface CalendarCoverage {
  knownThrough: number | null;
  unknownYears: number[];
}

export type Grade = 'A' | 'B' | 'C';

export interface Company {
  id: number;
  name: string;
  normName: string;
  creditCode: string | null;
  region: string;
  ownerId: string;
  size: string;
  position: string;
  source: string | null;
  accountManagerId: string | null;
  annualPurchaseFen: number | null;
  grade: Grade | null;
  gradeOverridden: boolean;
  customerSince: Date | null;
  createdAt: Date;
  /** LEAD-2: the company holding this one's normalised name, when this one is kept beside it as a flagged duplicate. */
  duplicateOf: number | null;
}

/** A client's contact person, in plain text: only the store sees it encrypted. */
export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

export type NewCompany = Pick<
  Company,
  'name' | 'normName' | 'creditCode' | 'region' | 'ownerId' | 'size' | 'position' | 'source' | 'createdAt'
>;

export type CompanyPatch = Partial<
  Pick<Company, 'grade' | 'gradeOverridden' | 'annualPurchaseFen' | 'customerSince' | 'accountManagerId'>
>;

export interface LeadSummary {
  companyId: number;
  companyName: string;
  region: string;
  workDate: IsoDate;
  reportedAt: Date;
}

export interface Visit {
  visitorId: string;
  method: 'phone' | 'onsite';
  note: string | null;
  visitDate: IsoDate;
}

/**
 * CLI-1: how a grade change stands. 'effective' took effect when made;
 * 'pending' waits for the region's regional manager (a raise by someone who
 * is not a manager, INC-1); 'confirmed' or 'kept' (the old grade kept) once
 * decided; 'superseded' when a newer figure replaced it before a decision.
 */
export type GradeChangeStatus = 'effective' | 'pending' | 'confirmed' | 'kept' | 'superseded';

export interface NewGradeChange {
  grade: Grade;
  source: 'purchase' | 'override';
  annualPurchaseFen: number | null;
  reason: string | null;
  changedBy: string;
  changedAt: Date;
  /** Defaults to 'effective'. */
  status?: 'effective' | 'pending';
  /** The grade in effect when the change was made. */
  previousGrade?: Grade | null;
}

export interface GradeChange extends Omit<Required<NewGradeChange>, 'status'> {
  id: number;
  status: GradeChangeStatus;
  /** Who confirmed it or kept the old grade; null until decided (or superseded). */
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface AuditEntry {
  at: Date;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  platform: ActorPlatform;
  details?: Record<string, string | number | boolean | null>;
}

export type ActorPlatform = Platform | 'console' | 'system';

export interface DirectoryPort {
  personById(id: string): Promise<Person | null>;
  /** The active ones of these people, in one read, in no particular order; someone not found is left out. */
  peopleByIds(ids: readonly string[]): Promise<Person[]>;
  personByPlatform(platform: Platform, platformId: string): Promise<Person | null>;
  regions(): Promise<string[]>;
  /** Active people of a role, in id order; of one region when given. */
  withRole(role: Role, region?: string): Promise<Person[]>;
  /** The manager, the manager's manager, … up to the top. */
  managerChain(personId: string): Promise<Person[]>;
}

/** What a new lead would collide with (LEAD-2): the strongest match first. */
export interface ClaimKeys {
  normName: string;
  creditCode: string | null;
  /** Canonical phone and e-mail, compared through their blind indexes. */
  phone: string | null;
  email: string | null;
}

export interface CompaniesPort {
  /**
   * Every company of one normalised name, the name's holder first, then its
   * flagged duplicates (LEAD-2). `for update` locks the rows until the
   * transaction ends, for a read-then-write.
   */
  byNormName(normName: string, lock?: 'for update'): Promise<Company[]>;
  byCreditCode(creditCode: string, lock?: 'for update'): Promise<Company | null>;
  byId(id: number, lock?: 'for update'): Promise<Company | null>;
  contactOf(companyId: number): Promise<Contact | null>;
  /** Customers (a purchase amount or a signed contract) a person owns or manages as account manager. */
  customersOf(personId: string): Promise<Company[]>;
  update(companyId: number, patch: CompanyPatch): Promise<Company>;
  /** Answers the new change's id. */
  addGradeChange(companyId: number, change: NewGradeChange): Promise<number>;
  gradeHistory(companyId: number): Promise<GradeChange[]>;
  /** The change waiting for confirmation (CLI-1), or null. */
  pendingGradeChange(companyId: number): Promise<GradeChange | null>;
  /** Closes a pending change; false (nothing written) when it is no longer pending. */
  decideGradeChange(changeId: number, status: 'confirmed' | 'kept' | 'superseded', by: string | null, at: Date): Promise<boolean>;
}

export interface NewLead {
  company: NewCompany;
  contact: Contact;
  reporterId: string;
  workDate: IsoDate;
  /** What the lead must not collide with (LEAD-2), checked in the same statement. */
  claim: ClaimKeys;
}

/**
 * How a refused lead collided: the credit code, the name, the name under
 * another credit code (a likely duplicate, which a manager may allow), or a
 * phone or e-mail already recorded.
 */
export type ClaimMatch = 'code' | 'name' | 'name_code' | 'contact';

/** LEAD-2: a report refused as a likely duplicate, held for a manager to allow or refuse. */
export interface HeldLead {
  id: number;
  reporterId: string;
  name: string;
  normName: string;
  creditCode: string;
  region: string;
  workDate: IsoDate;
  reportedAt: Date;
  /** The company that holds the name under another credit code. */
  duplicateOf: number;
  status: 'pending' | 'allowed' | 'refused';
  decidedBy: string | null;
  reason: string | null;
  /** The company saved when it was allowed. */
  companyId: number | null;
}

export interface HeldLeadsPort {
  /** Holds the report; a report of a credit code already waiting gets that hold back, `fresh` false. */
  hold(lead: NewLead & { company: NewCompany & { creditCode: string }; duplicateOf: number }): Promise<{ held: HeldLead; fresh: boolean }>;
  byId(id: number, lock?: 'for update'): Promise<HeldLead | null>;
  /**
   * Saves an allowed hold for its reporter: the company (flagged as a duplicate
   * of the name's holder), its contact and the lead on the day it was
   * reported; or, when its credit code, phone or e-mail was recorded since,
   * the company that holds it and nothing written.
   */
  save(hold: HeldLead, at: Date): Promise<{ inserted: Company } | { existing: Company; by: 'code' | 'contact' }>;
  /** False when the hold was decided already (another decision won). */
  decide(id: number, change: { status: 'allowed' | 'refused'; by: string; at: Date; reason: string | null; companyId: number | null }): Promise<boolean>;
}

export interface LeadsPort {
  /**
   * One statement: the LEAD-2 check, then the company, its contact and the
   * lead report, with the reporter's count of leads that day (this one
   * included); or, when the company is claimed already (also by a report
   * that raced ours), the company that holds it and nothing written.
   */
  record(lead: NewLead): Promise<{ inserted: Company; reporterLeadsThatDay: number; reporterOnLeave: boolean } | { existing: Company; by: ClaimMatch }>;
  countBy(reporterId: string, from: IsoDate, to: IsoDate): Promise<number>;
  /** Every reporter's count of leads on one day, in one query. */
  countsOn(date: IsoDate): Promise<Map<string, number>>;
  /** True for the first caller only, per person and day: the target is celebrated once. */
  celebrateOnce(personId: string, date: IsoDate): Promise<boolean>;
  listBy(reporterId: string, from: IsoDate, to: IsoDate): Promise<LeadSummary[]>;
}

export interface VisitsPort {
  insert(visit: Visit & { companyId: number; recordedAt: Date }): Promise<void>;
  last(companyId: number): Promise<Visit | null>;
  countBetween(companyId: number, from: IsoDate, to: IsoDate): Promise<number>;
}

export interface AuditPort {
  record(entry: AuditEntry): Promise<void>;
}

/**
 * Which platform deliveries (a Slack trigger or event id, a Feishu event_id)
 * have had their effect. A command's claim is written in the transaction of
 * its effect, so the two commit, or roll back, together.
 */
export interface DeliveriesPort {
  /** True the first time `source`/`id` is claimed; false when it was claimed before. */
  claim(source: string, id: string, at: Date): Promise<boolean>;
}

export interface OutboxPort {
  /** Queues a message in the caller's transaction; a known dedupe key adds nothing (false). */
  enqueue(entry: OutboxEntry, at: Date): Promise<boolean>;
  /** Queues many new messages (no updates) in one statement; answers how many were added. */
  enqueueMany(entries: OutboxEntry[], at: Date): Promise<number>;
}

export interface ApprovalsPort {
  create(request: NewApproval): Promise<ApprovalRequest>;
  /** `for update` holds the row until the transaction ends: decisions on one request queue up. */
  byId(id: number, lock?: 'for update'): Promise<ApprovalRequest | null>;
  /** False when the request has moved on since `expectedVersion` (another decision won). */
  transition(id: number, expectedVersion: number, change: ApprovalTransition): Promise<boolean>;
  /** Pending requests whose current step waits on this person. */
  waitingOn(personId: string): Promise<ApprovalRequest[]>;
  /** This person's own requests still pending. */
  openBy(personId: string): Promise<ApprovalRequest[]>;
  /** Every pending request, oldest first (for escalation). */
  pending(): Promise<ApprovalRequest[]>;
  /** EXP-1: the amounts of expenses for one event (by its key), by anyone, pending or approved. */
  eventTotal(eventKey: string): Promise<number>;
  /** Holds an event's key until the transaction ends, so two requests for one event are judged one after the other. */
  holdEvent(eventKey: string): Promise<void>;
}

export interface DelegationsPort {
  set(personId: string, delegateId: string, until: IsoDate, at: Date): Promise<void>;
  /** The person's delegate on `date`, the latest named, or null. */
  activeFor(personId: string, date: IsoDate): Promise<string | null>;
  /** Those whose delegate on `date` (their latest delegation) is this person. */
  delegatorsOf(delegateId: string, date: IsoDate): Promise<string[]>;
  /** Delegations not yet handed back that ended before `date`, or that a later one of the same person replaced. */
  toReturn(date: IsoDate): Promise<{ id: number; personId: string; delegateId: string }[]>;
  markReturned(ids: number[], at: Date): Promise<void>;
}

export interface AvailabilityPort {
  addLeave(personId: string, from: IsoDate, to: IsoDate, at: Date): Promise<void>;
  /** Of these people, those on leave on `date`. */
  onLeave(personIds: string[], date: IsoDate): Promise<Set<string>>;
  setMuted(personId: string, muted: boolean, at: Date): Promise<void>;
  /** Of these people, those who muted the optional reminders. */
  muted(personIds: string[]): Promise<Set<string>>;
}

/** CLI-4: after-sales tickets and their responses. */
export interface TicketsPort {
  open(ticket: NewTicket): Promise<Ticket>;
  /** `for update` holds the row until the transaction ends: responses and closing queue up. */
  byId(id: number, lock?: 'for update'): Promise<Ticket | null>;
  responses(ticketId: number): Promise<TicketResponse[]>;
  /** Keeps the response; the first one also stops the clock. False when the ticket moved on since `expectedVersion`. */
  respond(ticketId: number, expectedVersion: number, response: TicketResponse): Promise<boolean>;
  close(ticketId: number, expectedVersion: number, by: string, at: Date): Promise<boolean>;
  /**
   * Open tickets still without a first response whose deadline is at or
   * before `before`, oldest deadline first; not those already marked overdue-notified.
   */
  awaitingFirstResponse(before: Date): Promise<Ticket[]>;
  /** Marks tickets whose overdue notices are queued, so the sla job reads them no more. */
  markOverdueNotified(ticketIds: number[], at: Date): Promise<void>;
  /** Open tickets assigned to this person as owner or as the company's account manager. */
  openFor(personId: string): Promise<Ticket[]>;
}

/** PIPE-1..4: deals, and the contracts of a deal as far as the pipeline reads them. */
export interface DealsPort {
  create(deal: NewDeal): Promise<Deal>;
  /** `for update` holds the deal's row until the transaction ends: changes to one deal queue up. */
  byId(id: number, lock?: 'for update'): Promise<Deal | null>;
  /** The company's open deal, if it has one (one open deal per company). */
  openOfCompany(companyId: number): Promise<Deal | null>;
  /** The changed deal, or null when it moved on since `expectedVersion` (another change won). */
  update(id: number, expectedVersion: number, patch: DealPatch): Promise<Deal | null>;
  /** Open deals in scope, oldest first. */
  listOpen(scope: DealScope): Promise<Deal[]>;
  /** The deal's contracts (id and status), oldest first (PIPE-4). */
  contractsOf(dealId: number): Promise<DealContract[]>;
}

/** CON-1..2, PIPE-4, INC-1..2: contracts, and the deal changes signing makes. */
export interface ContractsPort {
  /** The deal a contract is drafted for; `for update` holds it while a contract is written against it. */
  dealForContract(dealId: number, lock?: 'for update'): Promise<DealForContract | null>;
  /** The deal's latest contract that is not cancelled. */
  latestOfDeal(dealId: number): Promise<Contract | null>;
  byId(id: number, lock?: 'for update'): Promise<Contract | null>;
  byApproval(approvalId: number): Promise<Contract | null>;
  create(contract: NewContract): Promise<Contract>;
  update(id: number, change: ContractChange, at: Date): Promise<Contract>;
  /** Signed contracts of a company other than this one (INC-1: is it a new client?). */
  signedCountOfCompany(companyId: number, exceptContractId: number): Promise<number>;
  /** INC-2: new A-class clients a region signed between two instants. */
  newAClientsSigned(region: string, from: Date, to: Date): Promise<number>;
  /** INC-2: holds a region's quarter ('2026Q4') until the transaction ends, so signings there count one at a time. */
  holdRegionQuarter(region: string, quarter: string): Promise<void>;
}

/** CON-3: payments against signed contracts; KPI-3 locks are read only. */
export interface PaymentsPort {
  insert(payment: Omit<Payment, 'id'>): Promise<Payment>;
  receivedFor(contractId: number): Promise<number>;
  /** Is this month ('YYYY-MM') locked by finance? */
  isLocked(month: string): Promise<boolean>;
  /**
   * Holds the month ('YYYY-MM') until the transaction ends: a payment dated in
   * it and finance locking it (KPI-3) take this first, so one waits for the other.
   */
  holdMonth(month: string): Promise<void>;
  /** Signed contracts not paid in full due on or before `dueBy`. */
  openReceivablesDueBy(dueBy: IsoDate): Promise<OpenReceivable[]>;
}

export interface Tx {
  deals: DealsPort;
  availability: AvailabilityPort;
  delegations: DelegationsPort;
  approvals: ApprovalsPort;
  outbox: OutboxPort;
  deliveries: DeliveriesPort;
  directory: DirectoryPort;
  companies: CompaniesPort;
  leads: LeadsPort;
  heldLeads: HeldLeadsPort;
  visits: VisitsPort;
  audit: AuditPort;
  tickets: TicketsPort;
  contracts: ContractsPort;
  payments: PaymentsPort;
  performance: PerformancePort;
}

export interface Store {
  /**
   * Runs `work` in one transaction. A refusal result rolls the transaction
   * back, so a refused command never leaves anything behind.
   */
  transaction<T>(work: (tx: Tx) => Promise<Result<T, PolicyErrorCode>>): Promise<Result<T, PolicyErrorCode>>;
  /**
   * Runs `work` outside a transaction: each statement is atomic on its own,
   * one round trip each. For lookups, and for use cases whose only write is
   * one statement (reporting a lead).
   */
  direct<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Everything a use case may touch. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  calendar: WorkCalendar;
  policy: Policy;
  /** The company's IANA time zone. */
  timezone: string;
}

/** Who is acting, and through which platform (for the audit log). */
export interface Actor {
  person: Person;
  platform: ActorPlatform;
}

export type CoreRefusal = Refusal<PolicyErrorCode>;
export type CoreResult<T> = Result<T, PolicyErrorCode>;
