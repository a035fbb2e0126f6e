import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { addDays, localDate, type IsoDate } from '../time.ts';
import { closeCard, notifyApprover } from './notify.ts';
import type { ApprovalRequest } from './types.ts';

/** When the current step started waiting on its present approver. */
function waitingSince(request: ApprovalRequest): Date {
  return request.steps[request.currentStep - 1]?.pendingSince ?? request.createdAt;
}

/** Working days from the day after `from` to `to`, both in the company's calendar. */
function workingDaysBetween(deps: CoreDeps, from: IsoDate, to: IsoDate): number {
  let days = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (deps.calendar.isWorkingDay(d)) days++;
  return days;
}

/**
 * Whom a waiting step goes to: the approver's manager; but a contract review
 * (CON-2) only ever to another active person in legal, never up the line to
 * someone who is not legal. Null: nobody to take it, the step stays.
 */
async function escalationTarget(tx: Tx, request: ApprovalRequest, approverId: string): Promise<Person | null> {
  if (request.kind === 'contract') {
    return (await tx.directory.withRole('legal')).find((p) => p.id !== approverId && p.id !== request.requesterId) ?? null;
  }
  return (await tx.directory.managerChain(approverId))[0] ?? null;
}

/**
 * EXP-1: a step that has waited longer than the policy allows (default 2
 * working days) goes to its approver's manager (a contract review: to
 * another person in legal, see escalationTarget); the requester is told, the
 * old card is closed, the manager gets a new one, and the move is audited.
 * A plain function of time: the schedule (or `npm run job`) calls it.
 */
export async function escalateWaitingApprovals(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  const limit = deps.policy.expenses.escalateAfterWorkingDays;
  const due = (await deps.store.direct((tx) => tx.approvals.pending())).filter(
    (r) => workingDaysBetween(deps, localDate(waitingSince(r), deps.timezone), today) > limit,
  );
  let escalated = 0;
  for (const candidate of due) {
    const result = await deps.store.transaction(async (tx) => {
      const request = await tx.approvals.byId(candidate.id, 'for update');
      const step = request?.steps[request.currentStep - 1];
      if (!request || request.status !== 'pending' || !step || request.version !== candidate.version) return { ok: true as const, value: false };
      const from = await tx.directory.personById(step.approverId);
      const manager = await escalationTarget(tx, request, step.approverId);
      if (!manager || manager.id === request.requesterId) return { ok: true as const, value: false };
      const requester = await tx.directory.personById(request.requesterId);
      const requesterName = requester?.name ?? request.requesterId;
      const moved = await tx.approvals.transition(request.id, request.version, { steps: [{ seq: step.seq, status: 'pending', approverId: manager.id, pendingSince: now }] });
      if (!moved) return { ok: true as const, value: false };
      const updated = (await tx.approvals.byId(request.id))!;
      await closeCard(tx, request, step.seq, 'escalated', { name: manager.name }, requesterName, now, deps.timezone);
      await notifyApprover(tx, updated, requesterName, now, today);
      await tx.outbox.enqueue(
        {
          dedupeKey: `approval:${request.id}:escalated:${step.seq}:${manager.id}`,
          personId: request.requesterId,
          notice: { kind: 'approval_escalated', requestId: request.id, subject: request.subject, from: from?.name ?? step.approverId, to: manager.name, days: limit },
        },
        now,
      );
      await tx.audit.record({
        at: now,
        actorId: 'system',
        action: 'approval.escalate',
        subjectType: 'approval',
        subjectId: String(updated.id),
        platform: 'system',
        details: { kind: updated.kind, from: step.approverId, to: manager.id },
      });
      return { ok: true as const, value: true };
    });
    if (result.ok && result.value) escalated++;
  }
  return escalated;
}
