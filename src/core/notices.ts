import type { PerformanceNotice } from './performance/notices.ts';
import type { PolicyAckNotice } from './policy-ack/notices.ts';
import type { Grade } from './clients/types.ts';

/**
 * What the bot tells someone on its own, as data: the outbox stores a notice,
 * and it is put into words in the reader's language only when it is sent.
 * No contact data ever goes into a notice (the outbox is not encrypted).
 */
export type Notice = NoticeBody & {
  /**
   * Set on a working-day reminder sent on a day of a year the China calendar
   * does not know (weekends off, weekdays on: the fallback): the reminder says so.
   */
  calendarUnknownYear?: number;
};

type NoticeBody =
  | PerformanceNotice
  | PolicyAckNotice
  | { kind: 'account_manager_assigned'; company: string; by: string }
  /**
   * CLI-2: to the region's regional manager, a client became A without an
   * account manager: the region's account managers as buttons. `reminder`:
   * sent again by the followups job, a working day later, still not assigned.
   */
  | { kind: 'account_manager_needed'; company: string; region: string; candidates: { id: string; name: string }[]; reminder: boolean }
  /** The request cards of an A-class client shown again once its account manager is assigned: who, by whom, no buttons left. */
  | { kind: 'account_manager_needed_closed'; company: string; accountManager: string; by: string }
  /** CLI-1, INC-1: to a confirmer, a raised grade waiting: the confirmed grade, the pending one, Confirm / Keep the old grade. */
  | { kind: 'grade_confirmation'; changeId: number; company: string; confirmedGrade: Grade | null; pendingGrade: Grade; source: 'purchase' | 'override'; annualPurchaseFen: number | null; reason: string | null; by: string }
  /** The confirmation card shown again once decided or replaced by a newer figure, with no buttons left. */
  | { kind: 'grade_confirmation_closed'; changeId: number; company: string; confirmedGrade: Grade | null; pendingGrade: Grade; outcome: 'confirmed' | 'kept' | 'superseded'; by: string | null }
  /** To whoever made the change (and the owner): the regional manager confirmed it or kept the old grade. */
  | { kind: 'grade_decided'; company: string; grade: Grade; previousGrade: Grade | null; outcome: 'confirmed' | 'kept'; by: string }
  /** To admins, once per unknown year: the China calendar does not know these years; the fallback applies until the policy file gives them. */
  | { kind: 'calendar_unknown'; years: string; knownThrough: string }
  /**
   * LEAD-2 to a manager who may allow it: a report of a name someone owns,
   * under another credit code, held with Allow (a reason asked for) and Refuse.
   * Names and codes only: the held contact stays encrypted in the store.
   */
  | { kind: 'lead_duplicate_held'; heldId: number; company: string; creditCode: string; reporter: string; existing: string; existingCode: string; owner: string; region: string }
  /** To the reporter of a held report: a manager allowed it (saved for them) or refused it. */
  | { kind: 'lead_hold_decided'; heldId: number; company: string; outcome: 'allowed' | 'refused'; by: string; reason: string | null }
  /** PIPE-1: to a deal's owner, when someone else moved it on, won it or closed it as lost. */
  | { kind: 'deal_changed'; dealId: number; company: string; by: string; change: 'stage' | 'won' | 'lost'; stage: number; reason: string | null }
  /** To the approver whose step it is now: the card with Approve and Reject. */
  | {
      kind: 'approval_requested';
      requestId: number;
      approvalKind: 'expense' | 'promotion' | 'contract';
      subject: string;
      amountFen: number | null;
      event: string | null;
      requester: string;
      overBenchmark: boolean;
      /** EXP-1: the event's running total the request was judged on (absent on cards queued before it was kept). */
      eventTotalFen?: number | null;
      /** The policy's benchmark cost per event, for the words "above the benchmark". */
      benchmarkFen?: number;
      contract?: ContractOnCard;
    }
  /** To the requester, after each step and at the end. */
  | { kind: 'approval_progress'; requestId: number; subject: string; by: string; next: string }
  /** LEAD-1 kick-off: today's target and the last working day's result. */
  | { kind: 'leads_morning'; date: string; target: number; previousDate: string | null; previousCount: number; previousTarget: number }
  /** LEAD-1 afternoon nudge, only to those under target. */
  | { kind: 'leads_nudge'; date: string; count: number; target: number; missing: number }
  /** CLI-2, CLI-3: my clients due or overdue for a visit, in one digest. */
  | { kind: 'followups_digest'; items: { company: string; due: string | null; overdue: boolean; visits: string | null }[] }
  /** CLI-3 for managers: their team's follow-ups overdue past the grace period. */
  | { kind: 'followups_team'; items: { owner: string; company: string; due: string }[] }
  /** EXP-1, PROMO-1: what waits on an approver, in one digest. */
  | { kind: 'approvals_waiting'; items: { id: number; subject: string; since: string }[] }
  /** To the requester: a step waited too long and went to the approver's manager. */
  | { kind: 'approval_escalated'; requestId: number; subject: string; from: string; to: string; days: number }
  /** EXP-1: to the department manager, a role step waited too long and nobody else of the role can take it; it stays with the role. */
  | { kind: 'approval_stuck'; requestId: number; subject: string; role: string; from: string; days: number }
  /** PROMO-1: to the marketing reviewer and the department manager, a promotion's start date came while it is not approved. */
  | { kind: 'promotion_start_unapproved'; requestId: number; subject: string; start: string; requester: string; waitingOn: string }
  | { kind: 'approval_decided'; requestId: number; subject: string; outcome: 'approved' | 'rejected' | 'withdrawn'; by: string; reason: string | null }
  /**
   * An approval card already sent, shown again in its new state with no
   * buttons left: decided (approved, rejected, withdrawn) or passed on to the
   * next approver.
   */
  | {
      kind: 'approval_card_closed';
      requestId: number;
      approvalKind: 'expense' | 'promotion' | 'contract';
      subject: string;
      amountFen: number | null;
      requester: string;
      /** returned: the delegation ended, the step is back with its approver (a delegate's copy). */
      outcome: 'approved' | 'rejected' | 'withdrawn' | 'passed_on' | 'escalated' | 'returned';
      by: string;
      at: string;
    }
  /** CLI-4: a ticket was opened on my client by someone else; respondBy is local 'YYYY-MM-DD HH:mm'. */
  | { kind: 'ticket_opened'; ticketId: number; company: string; problem: string; by: string; respondBy: string }
  /** CLI-4: the first response of a ticket is due within the policy's warning hours. */
  | { kind: 'ticket_sla_warning'; ticketId: number; company: string; problem: string; respondBy: string; hoursLeft: number }
  /** CLI-4: the first response is overdue; to the owner and the owner's manager. */
  | { kind: 'ticket_sla_overdue'; ticketId: number; company: string; problem: string; respondBy: string; hoursOverdue: number; owner: string }
  /** CON-3: a payment recorded by finance (to the owner) or by the owner (to finance). */
  | { kind: 'payment_recorded'; contractId: number; company: string; amountFen: number; paidOn: string; receivedFen: number; contractFen: number; by: string; paidInFull: boolean }
  /** INC-2: the region signed enough new A-class clients this quarter for the travel fund. */
  | { kind: 'travel_fund_earned'; region: string; quarter: string; count: number; target: number; amountFen: number }
  /** CON-1 term: payments near or past due, the owner's own or (finance) all. */
  | { kind: 'payments_due'; scope: 'mine' | 'all'; items: { contractId: number; company: string; outstandingFen: number; due: string; overdueDays: number }[] };

/** CON-2: the terms legal reviews, on the contract's approval card. */
export interface ContractOnCard {
  contractId: number;
  delivery: string;
  method: string;
  termDays: number;
  penaltyPercent: string;
  signMethod: 'esign' | 'paper';
}

export interface OutboxEntry {
  /** What, whom, about what and when: the same key twice is one message. */
  dedupeKey: string;
  personId: string;
  notice: Notice;
  /** Set to update a message already queued under that key, in place, instead of sending a new one. */
  updates?: string;
}
