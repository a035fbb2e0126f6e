import { contractOnCard } from '../contracts/terms.ts';
import type { ContractOnCard, Notice } from '../notices.ts';
import type { Tx } from '../ports.ts';
import { localDate, localDateTime, type IsoDate } from '../time.ts';
import type { ApprovalRequest } from './types.ts';

export const cardKey = (requestId: number, seq: number, approverId: string) => `approval:${requestId}:step:${seq}:to:${approverId}`;

/** Who may decide a step today: its approver, and the delegate they named while away. */
export async function deciders(tx: Tx, approverId: string, today: IsoDate): Promise<string[]> {
  const delegate = await tx.delegations.activeFor(approverId, today);
  return delegate && delegate !== approverId ? [approverId, delegate] : [approverId];
}

/**
 * The current step's deciders get the card (Approve, Reject), once each; never
 * the requester. A contract review's card (CON-2) always carries the terms
 * legal reviews: given by the caller, or read from the contract under review.
 */
export async function notifyApprover(tx: Tx, request: ApprovalRequest, requesterName: string, at: Date, today: IsoDate, contract?: ContractOnCard) {
  const step = request.steps[request.currentStep - 1];
  if (!step) return;
  const terms = contract ?? (request.kind === 'contract' ? await termsUnderReview(tx, request.id) : undefined);
  for (const personId of await deciders(tx, step.approverId, today)) {
    if (personId === request.requesterId) continue;
    await sendCard(tx, request, step.seq, personId, requesterName, at, terms);
  }
}

async function termsUnderReview(tx: Tx, requestId: number): Promise<ContractOnCard | undefined> {
  const contract = await tx.contracts.byApproval(requestId);
  return contract ? contractOnCard(contract) : undefined;
}

function sendCard(tx: Tx, request: ApprovalRequest, seq: number, personId: string, requesterName: string, at: Date, contract: ContractOnCard | undefined) {
  return tx.outbox.enqueue(
    {
      dedupeKey: cardKey(request.id, seq, personId),
      personId,
      notice: {
        kind: 'approval_requested',
        requestId: request.id,
        approvalKind: request.kind,
        subject: request.subject,
        amountFen: request.amountFen,
        event: request.event,
        requester: requesterName,
        overBenchmark: request.overBenchmark,
        ...(contract && { contract }),
      },
    },
    at,
  );
}

/**
 * The card a step's approver was sent is updated in place: who decided and
 * when, and no buttons left, so a second click anywhere has nothing to press.
 */
export async function closeCard(
  tx: Tx,
  request: ApprovalRequest,
  seq: number,
  outcome: Extract<Notice, { kind: 'approval_card_closed' }>['outcome'],
  by: { name: string },
  requesterName: string,
  at: Date,
  timezone: string,
) {
  const step = request.steps[seq - 1];
  if (!step) return;
  const notice: Notice = {
    kind: 'approval_card_closed',
    requestId: request.id,
    approvalKind: request.kind,
    subject: request.subject,
    amountFen: request.amountFen,
    requester: requesterName,
    outcome,
    by: by.name,
    at: localDateTime(at, timezone),
  };
  // Every copy: the approver's and a delegate's (a copy never sent is skipped by the outbox).
  for (const personId of await deciders(tx, step.approverId, localDate(at, timezone))) {
    const key = cardKey(request.id, step.seq, personId);
    await tx.outbox.enqueue({ dedupeKey: `${key}:closed`, personId, updates: key, notice }, at);
  }
}
