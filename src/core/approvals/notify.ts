import type { Tx } from '../ports.ts';
import type { ApprovalRequest } from './types.ts';

/** The current step's approver gets the card (Approve, Reject), once per version of the request. */
export function notifyApprover(tx: Tx, request: ApprovalRequest, requesterName: string, at: Date) {
  const step = request.steps[request.currentStep - 1];
  if (!step) return Promise.resolve();
  return tx.outbox.enqueue(
    {
      dedupeKey: `approval:${request.id}:step:${step.seq}:to:${step.approverId}`,
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
