/**
 * What the bot tells someone on its own, as data: the outbox stores a notice,
 * and it is put into words in the reader's language only when it is sent.
 * No contact data ever goes into a notice (the outbox is not encrypted).
 */
export type Notice =
  | { kind: 'account_manager_assigned'; company: string; by: string }
  /** To the approver whose step it is now: the card with Approve and Reject. */
  | { kind: 'approval_requested'; requestId: number; approvalKind: 'expense' | 'promotion' | 'contract'; subject: string; amountFen: number | null; event: string | null; requester: string; overBenchmark: boolean }
  /** To the requester, after each step and at the end. */
  | { kind: 'approval_progress'; requestId: number; subject: string; by: string; next: string }
  /** To the requester: a step waited too long and went to the approver's manager. */
  | { kind: 'approval_escalated'; requestId: number; subject: string; from: string; to: string; days: number }
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
      outcome: 'approved' | 'rejected' | 'withdrawn' | 'passed_on' | 'escalated';
      by: string;
      at: string;
    };

export interface OutboxEntry {
  /** What, whom, about what and when: the same key twice is one message. */
  dedupeKey: string;
  personId: string;
  notice: Notice;
  /** Set to update a message already queued under that key, in place, instead of sending a new one. */
  updates?: string;
}
