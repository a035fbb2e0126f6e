import type { Tx } from '../ports.ts';
import { localDateTime } from '../time.ts';
import type { ApprovalRequest } from './types.ts';

export const cardKey = (requestId: number, seq: number, approverId: string) => `approval:${requestId}:step:${seq}:to:${approverId}`;

/** The current step's approver gets the card (Approve, Reject), once per version of the request. */
export function notifyApprover(tx: Tx, request: ApprovalRequest, requesterName: string, at: Date) {
  const step = request.steps[request.currentStep - 1];
  if (!step) return Promise.resolve();
  return tx.outbox.enqueue(
    {
      dedupeKey: cardKey(request.id, step.seq, step.approverId),
      personId: step.approverId,
      notice: {
        kind: 'approval_requested',
        requestId: request.id,
        approvalKind: request.kind,
        subject: request.subject,
        amountFen: request.amountFen,
        event: request.event,
        requester: requesterName,
        overBenchmark: request.overBenchmark,
      },
    },
    at,
  );
}

/**
 * The card a step's approver was sent is updated in place: who decided and
 * when, and no buttons left, so a second click anywhere has nothing to press.
 */
export function closeCard(
  tx: Tx,
  request: ApprovalRequest,
  seq: number,
  outcome: 'approved' | 'rejected' | 'withdrawn' | 'passed_on',
  by: { name: string },
  requesterName: string,
  at: Date,
  timezone: string,
) {
  const step = request.steps[seq - 1];
  if (!step) return Promise.resolve();
  const key = cardKey(request.id, step.seq, step.approverId);
  return tx.outbox.enqueue(
    {
      dedupeKey: `${key}:closed`,
      personId: step.approverId,
      updates: key,
      notice: {
        kind: 'approval_card_closed',
        requestId: request.id,
        approvalKind: request.kind,
        subject: request.subject,
        amountFen: request.amountFen,
        requester: requesterName,
        outcome,
        by: by.name,
        at: localDateTime(at, timezone),
      },
    },
    at,
  );
}
