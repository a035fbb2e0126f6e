import type { SignMethod } from '../contracts/types.ts';
import type { IsoDate } from '../time.ts';
import type { Grade, GradeChangeStatus } from './types.ts';

/**
 * CLI-3: one thing that happened to a client, for its archive (客户档案):
 * when, who did it (a person id, named by the use case; null where nobody
 * did, as a grade change replaced by a newer one), and what. Free text a
 * person wrote (a visit's note, a ticket's problem) is kept in `note`, so
 * that the use case can leave it out for readers outside the client.
 */
export interface ArchiveEntry {
  at: Date;
  by: string | null;
  event: ArchiveEvent;
}

export type ArchiveEvent =
  /** LEAD-1: the company reported as a lead (each report that was saved for it). */
  | { kind: 'lead' }
  /** CLI-1: a grade change by a purchase figure or an override, as it stands. */
  | { kind: 'grade'; grade: Grade; source: 'purchase' | 'override'; annualPurchaseFen: number | null; reason: string | null; status: GradeChangeStatus }
  /** CLI-1: the regional manager confirmed a pending raise or kept the old grade. */
  | { kind: 'grade_decided'; grade: Grade; outcome: 'confirmed' | 'kept' }
  /** CLI-2: an account manager assigned. */
  | { kind: 'account_manager'; personId: string }
  /** CLI-2, CLI-3: a visit or follow-up on `visitDate`. */
  | { kind: 'visit'; method: 'phone' | 'onsite'; visitDate: IsoDate; note: string | null }
  /** PIPE-1: a deal opened, moved to a stage (5 is signed, won), or closed as lost. */
  | { kind: 'deal_opened'; dealId: number; amountFen: number | null }
  | { kind: 'deal_stage'; dealId: number; stage: number }
  | { kind: 'deal_lost'; dealId: number; stage: number; note: string | null }
  /** CON-1..2, PIPE-4: a contract drafted, sent to legal, reviewed, signed (with its reference) or cancelled with its deal. */
  | { kind: 'contract_drafted'; contractId: number; amountFen: number }
  | { kind: 'contract_submitted'; contractId: number }
  | { kind: 'contract_reviewed'; contractId: number; outcome: 'approved' | 'rejected'; note: string | null }
  | { kind: 'contract_signed'; contractId: number; amountFen: number; signMethod: SignMethod; signRef: string | null }
  | { kind: 'contract_cancelled'; contractId: number }
  /** CON-3: a payment received on `paidOn`. */
  | { kind: 'payment'; contractId: number; amountFen: number; paidOn: IsoDate }
  /** CLI-4: an after-sales ticket opened, first answered, closed. */
  | { kind: 'ticket_opened'; ticketId: number; note: string | null }
  | { kind: 'ticket_responded'; ticketId: number }
  | { kind: 'ticket_closed'; ticketId: number };

export type ArchiveEventKind = ArchiveEvent['kind'];
