import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { closeCard, deciders, notifyApprover } from './notify.ts';
import { waitingOnPerson } from './waiting.ts';
import { localDate } from '../time.ts';
import { audit, refuseNotFound } from './submit.ts';
import type { ApprovalRequest } from './types.ts';
import { namesOn, withNames, type NamedApproval } from './names.ts';
import { applyContractReview } from '../contracts/review-outcome.ts';

export interface DecideCommand {
  requestId: number;
  decision: 'approve' | 'reject';
  reason: string | null;
}

/**
 * Approve or reject the current step. The request row is locked and its
 * version checked: two clicks, two devices or two approvers racing give one
 * decision, and every other click is told it was already decided. Answers
 * the request as it now stands, with the names on it.
 */
export async function decideApproval(deps: CoreDeps, actor: Actor, cmd: DecideCommand): Promise<CoreResult<NamedApproval>> {
  if (cmd.decision === 'reject' && !cmd.reason?.trim()) return refuse('reason_required');
  return deps.store.transaction(async (tx) => {
    const request = await tx.approvals.byId(cmd.requestId, 'for update');
    if (!request) return refuseNotFound(cmd.requestId);
    if (request.status !== 'pending') return refuse('already_decided', { id: request.id, status: request.status });
    const step = request.steps[request.currentStep - 1];
    if (!step) throw new Error(`approval ${request.id} has no step ${request.currentStep}`);
    const today = localDate(deps.clock.now(), deps.timezone);
    // Nobody decides their own request, not even as the approver's delegate; a delegate only a step they may hold.
    if (actor.person.id === request.requesterId || !(await deciders(tx, request, step, today)).includes(actor.person.id)) {
      const approver = await tx.directory.personById(step.approverId);
      return refuse('not_your_step', { id: request.id, approver: approver?.name ?? step.approverId });
    }
    const now = deps.clock.now();
    const requester = await tx.directory.personById(request.requesterId);
    const requesterName = requester?.name ?? request.requesterId;
    const next = request.steps[request.currentStep];
    let moved: boolean;
    if (cmd.decision === 'reject') {
      moved = await tx.approvals.transition(request.id, request.version, {
        status: 'rejected',
        reason: cmd.reason?.trim() ?? null,
        decidedAt: now,
        steps: [
          { seq: step.seq, status: 'rejected', decidedBy: actor.person.id, decidedAt: now, reason: cmd.reason?.trim() ?? null },
          ...request.steps.filter((s) => s.seq > step.seq).map((s) => ({ seq: s.seq, status: 'cancelled' as const })),
        ],
      });
    } else if (next) {
      moved = await tx.approvals.transition(request.id, request.version, {
        currentStep: next.seq,
        steps: [
          { seq: step.seq, status: 'approved', decidedBy: actor.person.id, decidedAt: now },
          { seq: next.seq, status: 'pending', pendingSince: now },
        ],
      });
    } else {
      moved = await tx.approvals.transition(request.id, request.version, {
        status: 'approved',
        decidedAt: now,
        steps: [{ seq: step.seq, status: 'approved', decidedBy: actor.person.id, decidedAt: now }],
      });
    }
    if (!moved) return refuse('already_decided', { id: request.id, status: request.status });
    const updated = (await tx.approvals.byId(request.id))!;
    await applyContractReview(tx, updated, now);
    const outcome = cmd.decision === 'reject' ? 'rejected' : updated.status === 'approved' ? 'approved' : 'passed_on';
    await closeCard(tx, updated, step.seq, outcome, actor.person, requesterName, now, deps.timezone);

    if (updated.status === 'pending') {
      await notifyApprover(tx, updated, requesterName, now, today, undefined, deps.policy.expenses.eventBenchmarkFen);
      const nextApprover = await tx.directory.personById(updated.steps[updated.currentStep - 1]!.approverId);
      await tx.outbox.enqueue(
        {
          dedupeKey: `approval:${updated.id}:progress:${step.seq}`,
          personId: updated.requesterId,
          notice: { kind: 'approval_progress', requestId: updated.id, subject: updated.subject, by: actor.person.name, next: nextApprover?.name ?? '' },
        },
        now,
      );
    } else {
      await tx.outbox.enqueue(
        {
          dedupeKey: `approval:${updated.id}:decided`,
          personId: updated.requesterId,
          notice: { kind: 'approval_decided', requestId: updated.id, subject: updated.subject, outcome: updated.status === 'approved' ? 'approved' : 'rejected', by: actor.person.name, reason: updated.reason },
        },
        now,
      );
    }
    await audit(tx, actor, now, `approval.${cmd.decision}`, updated, { step: String(step.seq), ...(cmd.reason ? { reason: cmd.reason } : {}) });
    return ok(await withNames(tx, updated));
  });
}

/** The requester takes back a request still pending; its approver is told. Answers the request withdrawn, with the names on it. */
export async function withdrawApproval(deps: CoreDeps, actor: Actor, requestId: number): Promise<CoreResult<NamedApproval>> {
  return deps.store.transaction(async (tx) => {
    const request = await tx.approvals.byId(requestId, 'for update');
    if (!request) return refuseNotFound(requestId);
    if (request.requesterId !== actor.person.id) return refuse('not_requester', { id: request.id });
    const updated = await withdrawPending(deps, tx, actor, request);
    return updated ? ok(await withNames(tx, updated)) : refuse('already_decided', { id: request.id, status: request.status });
  });
}

/**
 * The withdrawal itself, in the caller's transaction, on a request the caller
 * has locked (`byId(id, 'for update')`): the pending steps are cancelled, the
 * approver's card is closed and the approver told, a contract under review
 * goes back to draft, and it is audited. Also used when losing a deal takes
 * back its contract's review (PIPE-1). Null when the request is no longer pending.
 */
export async function withdrawPending(deps: CoreDeps, tx: Tx, actor: Actor, request: ApprovalRequest): Promise<ApprovalRequest | null> {
  if (request.status !== 'pending') return null;
  const now = deps.clock.now();
  const moved = await tx.approvals.transition(request.id, request.version, {
    status: 'withdrawn',
    decidedAt: now,
    steps: request.steps.filter((s) => s.status === 'pending' || s.status === 'waiting').map((s) => ({ seq: s.seq, status: 'cancelled' as const })),
  });
  if (!moved) return null;
  const current = request.steps[request.currentStep - 1];
  if (current) {
    const requester = request.requesterId === actor.person.id ? actor.person : await tx.directory.personById(request.requesterId);
    await closeCard(tx, request, current.seq, 'withdrawn', actor.person, requester?.name ?? request.requesterId, now, deps.timezone);
    await tx.outbox.enqueue(
      {
        dedupeKey: `approval:${request.id}:withdrawn`,
        personId: current.approverId,
        notice: { kind: 'approval_decided', requestId: request.id, subject: request.subject, outcome: 'withdrawn', by: actor.person.name, reason: null },
      },
      now,
    );
  }
  const updated = (await tx.approvals.byId(request.id))!;
  await applyContractReview(tx, updated, now);
  await audit(tx, actor, now, 'approval.withdraw', updated);
  return updated;
}

export interface ApprovalList {
  /** Who asks: a step waiting on someone else is theirs as that person's delegate. */
  me: string;
  waitingOnMe: ApprovalRequest[];
  mine: ApprovalRequest[];
  names: Record<string, string>;
}

/**
 * `/approvals`: what waits on me, and my own open requests. What waits on me
 * includes the steps of those who named me their delegate today, when I may
 * decide them (deciders).
 */
export async function listApprovals(deps: CoreDeps, actor: Actor): Promise<CoreResult<ApprovalList>> {
  return deps.store.transaction(async (tx) => {
    const waitingOnMe = await waitingOnPerson(tx, actor.person.id, localDate(deps.clock.now(), deps.timezone));
    const mine = await tx.approvals.openBy(actor.person.id);
    return ok({ me: actor.person.id, waitingOnMe, mine, names: await namesOn(tx, [...waitingOnMe, ...mine]) });
  });
}

