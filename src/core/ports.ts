import type { ExportsPort } from './exports/port.ts';
import type { ApprovalsPort, ApprovalsTxPort, DelegationsPort } from './approvals/port.ts';
import type { AuditPort } from './audit/port.ts';
import type { ClientArchivePort, CompaniesPort, CompaniesTxPort, VisitsPort } from './clients/port.ts';
import type { ContractsPort, ContractsTxPort, PaymentsPort, PaymentsTxPort } from './contracts/port.ts';
import type { DealsPort, DealsTxPort } from './deals/port.ts';
import type { DeliveriesPort } from './deliveries/port.ts';
import type { DirectoryPort } from './directory/port.ts';
import type { CoreResult } from './errors.ts';
import type { HeldLeadsPort, HeldLeadsTxPort, LeadsPort } from './leads/port.ts';
import type { OutboxPort } from './outbox/port.ts';
import type { PerformancePort } from './performance/port.ts';
import type { Policy } from './policy.ts';
import type { PolicyAcksPort } from './policy-ack/port.ts';
import type { AvailabilityPort } from './reminders/port.ts';
import type { TicketsPort, TicketsTxPort } from './tickets/port.ts';
import type { Clock, WorkCalendar } from './time.ts';

/**
 * What the core needs from the outside world, assembled from the port each
 * feature keeps in its own folder (src/core/<feature>/port.ts, beside its
 * types.ts; the types every feature shares are in people.ts, notices.ts and
 * time.ts); implemented in src/store and src/calendar. The names are
 * re-exported at the end, so a caller may import them all from here.
 */

/**
 * The repositories a use case may use outside a transaction (`store.direct`):
 * each statement is atomic on its own, and none of them offers a lock, which
 * would end with its own statement.
 */
export interface Repositories {
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
  archive: ClientArchivePort;
  audit: AuditPort;
  tickets: TicketsPort;
  contracts: ContractsPort;
  payments: PaymentsPort;
  performance: PerformancePort;
  policyAcks: PolicyAcksPort;
  exports: ExportsPort;
}

/**
 * The repositories of one transaction (`store.transaction`): the same, and
 * the locks (`for update` rows, held keys) that last until it ends. Only a
 * transaction's repositories have them, so a lock that would end with its own
 * statement cannot be asked for by mistake.
 */
export interface Tx extends Repositories {
  deals: DealsTxPort;
  approvals: ApprovalsTxPort;
  companies: CompaniesTxPort;
  heldLeads: HeldLeadsTxPort;
  tickets: TicketsTxPort;
  contracts: ContractsTxPort;
  payments: PaymentsTxPort;
}

export interface Store {
  /**
   * Runs `work` in one transaction. A refusal result rolls the transaction
   * back, so a refused command never leaves anything behind.
   */
  transaction<T>(work: (tx: Tx) => Promise<CoreResult<T>>): Promise<CoreResult<T>>;
  /**
   * Runs `work` outside a transaction: each statement is atomic on its own,
   * one round trip each, and nothing can be locked. For lookups, and for use
   * cases whose only write is one statement (reporting a lead).
   */
  direct<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
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

export type { ApprovalsPort, DelegationsPort } from './approvals/port.ts';
export type { AuditPort } from './audit/port.ts';
export type { Actor, ActorPlatform, AuditEntry } from './audit/types.ts';
export type { ClientArchivePort, CompaniesPort, VisitsPort } from './clients/port.ts';
export type { Company, CompanyPatch, Contact, Grade, GradeChange, GradeChangeStatus, NewCompany, NewGradeChange, Visit } from './clients/types.ts';
export type { ContractsPort, PaymentsPort } from './contracts/port.ts';
export type { DealsPort } from './deals/port.ts';
export type { DeliveriesPort } from './deliveries/port.ts';
export type { DirectoryPort } from './directory/port.ts';
export type { CoreRefusal, CoreResult } from './errors.ts';
export type { HeldLeadsPort, LeadsPort } from './leads/port.ts';
export type { ClaimKeys, ClaimMatch, HeldLead, LeadSummary, NewLead } from './leads/types.ts';
export type { OutboxPort } from './outbox/port.ts';
export type { AvailabilityPort } from './reminders/port.ts';
export type { TicketsPort } from './tickets/port.ts';
export type { CalendarCoverage, Clock, WorkCalendar } from './time.ts';
