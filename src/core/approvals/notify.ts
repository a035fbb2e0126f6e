import { contractOnCard } from '../contracts/terms.ts';
import type { ContractOnCard, Notice } from '../notices.ts';
import type { Tx } from '../ports.ts';
import { localDate, localDateTime, type IsoDate } from '../time.ts';
import { mayDecideAsDelegate } from './eligibility.ts';
import type { ApprovalRequest, ApprovalStep } from './types.ts';

export const cardKey = (requestId: number, seq: number, approverId: string) => `approval:${requestId}:step:${seq}:to:${approverId}`;

/**
 * Who may decide a step today: its approver, and the delegate they named while
 * away when that delegate may decide this step (mayDecideAsDelegate: the
 * step's role, not the requester, not on another step of the request).
 */
export async function deciders(tx: Tx, request: ApprovalRequest, step: ApprovalStep, today: IsoDate): Promise<string[]> {
  const delegateId = await tx.delegations.activeFor(step.approverId, today);
  if (!delegateId || delegateId === step.approverId) return [step.approverId];
  const delegate = await tx.directory.personById(delegateId);
  return delegate && (await mayDecideAsDelegate(tx, request, step, delegate)) ? [step.approverId, delegate.id] : [step.approverId];
}

/**
 * The current step's deciders get the card (Approve, Reject), once each; never
 * the requester. A contract review's card (CON-2) always carries the terms
 * legal reviews: given by the caller, or read from the contract under review.
 */
export async function notifyApprover(tx: Tx, request: ApprovalRequest, requesterName: string, at: Date, today: IsoDate, contract?: ContractOnCard, benchmarkFen?: number) {
  const step = request.steps[request.currentStep - 1];
  if (!step) return;
  const terms = contract ?? (request.kind === 'contract' ? await termsUnderReview(tx, request.id) : undefined);
  for (const personId of await deciders(tx, request, step, today)) {
    if (personId === request.requesterId) continue;
    await sendCard(tx, request, step.seq, personId, requesterName, at, terms, benchmarkFen);
  }
}

/** The current step's card to one more person (a delegate named while it waits), once. */
export function sendCardTo(tx: Tx, request: ApprovalRequest, personId: string, requesterName: string, at: Date, benchmarkFen?: number) {
  return sendCard(tx, request, request.currentStep, personId, requesterName, at, undefined, benchmarkFen);
}

async function termsUnderReview(tx: Tx, requestId: number): Promise<ContractOnCard | undefined> {
  const contract = await tx.contracts.byApproval(requestId);
  return contract ? contractOnCard(contract) : undefined;
}

function sendCard(tx: Tx, request: ApprovalRequest, seq: number, personId: string, requesterName: string, at: Date, contract: ContractOnCard | undefined, benchmarkFen: number | undefined) {
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
        // EXP-1: the card says in words what the amount is judged on, and that it is above the benchmark.
        eventTotalFen: request.eventTotalFen,
        ...(benchmarkFen !== undefined && { benchmarkFen }),
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
  const delegate = await tx.delegations.activeFor(step.approverId, localDate(at, timezone));
  for (const personId of delegate && delegate !== step.approverId ? [step.approverId, delegate] : [step.approverId]) {
    await closeCopy(tx, request.id, step.seq, personId, notice, at);
  }
}

/** One copy of a card, shown again in its new state; `suffix` tells this update from an earlier one of the same copy. */
export function closeCopy(tx: Tx, requestId: number, seq: number, personId: string, notice: Notice, at: Date, suffix = 'closed') {
  const key = cardKey(requestId, seq, personId);
  return tx.outbox.enqueue({ dedupeKey: `${key}:${suffix}`, personId, updates: key, notice }, at);
}

/** The closed card's notice of a request's step, for an update made outside a decision (a delegation handed back). */
export function closedNotice(
  request: ApprovalRequest,
  outcome: Extract<Notice, { kind: 'approval_card_closed' }>['outcome'],
  by: string,
  requesterName: string,
  at: Date,
  timezone: string,
): Notice {
  return { kind: 'approval_card_closed', requestId: request.id, approvalKind: request.kind, subject: request.subject, amountFen: request.amountFen, requester: requesterName, outcome, by, at: localDateTime(at, timezone) };
}
