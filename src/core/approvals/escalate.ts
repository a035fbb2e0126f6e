import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { jobWindow } from '../reminders/job-window.ts';
import { addDays, localDate, type IsoDate } from '../time.ts';
import { topApprover } from './chain.ts';
import { isRoleStep, isSubordinate, mayHoldStep } from './eligibility.ts';
import { closeCard, notifyApprover } from './notify.ts';
import type { ApprovalRequest, ApprovalStep, ApprovalTransition } from './types.ts';

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

/** What becomes of a waiting step: a new approver, the next (manager) step taking it over, or nobody (it stays). */
type Move = { to: Person; transition: ApprovalTransition } | { stuck: true };

/**
 * Whom a waiting step goes to (EXP-1, CON-2):
 * - a role step (finance, legal, marketing reviewer): only another active
 *   person of that role who may hold it; with none, it stays with the role;
 * - a manager step: the approver's manager, else further up, else the policy's
 *   top approver; never the requester, a subordinate of the requester, or
 *   someone on another step. When that manager holds the very next step (the
 *   department manager above a waiting regional manager), that step takes
 *   over: they sign once, as with a regional manager's own request
 *   (resolveChain). With nobody, it stays.
 */
async function planMove(deps: CoreDeps, tx: Tx, request: ApprovalRequest, step: ApprovalStep, now: Date): Promise<Move> {
  if (isRoleStep(step.role)) {
    for (const person of await tx.directory.withRole(step.role)) {
      if (person.id !== step.approverId && (await mayHoldStep(tx, request, step, person))) {
        return { to: person, transition: { steps: [{ seq: step.seq, status: 'pending', approverId: person.id, pendingSince: now }] } };
      }
    }
    return { stuck: true };
  }
  const next = request.steps[step.seq];
  const candidates = [...(await tx.directory.managerChain(step.approverId)), ...(await topApprover(tx, deps.policy))];
  for (const person of candidates) {
    if (person.id === step.approverId || person.id === request.requesterId) continue;
    if (next && next.status === 'waiting' && !isRoleStep(next.role) && next.approverId === person.id) {
      if (await isSubordinate(tx, person.id, request.requesterId)) continue;
      return {
        to: person,
        transition: {
          currentStep: next.seq,
          steps: [
            { seq: step.seq, status: 'cancelled' },
            { seq: next.seq, status: 'pending', pendingSince: now },
          ],
        },
      };
    }
    if (await mayHoldStep(tx, request, step, person)) {
      return { to: person, transition: { steps: [{ seq: step.seq, status: 'pending', approverId: person.id, pendingSince: now }] } };
    }
  }
  return { stuck: true };
}

/**
 * EXP-1: a step that has waited more than the policy's working days (default
 * 2: more than two whole working days after the day it began waiting, in the
 * company's zone and the China calendar) is moved (planMove); the requester
 * is told, the old card is closed, the new approver gets one, and the move is
 * audited. A step nobody else may take stays, and the department manager is
 * told once. It sends nothing on a day off or outside the policy's quiet
 * hours: such a run does nothing, and the next run inside them catches up.
 * A plain function of time: the schedule (or `npm run job`) calls it.
 */
export async function escalateWaitingApprovals(deps: CoreDeps, at: Date = deps.clock.now()): Promise<number> {
  if ('skipped' in jobWindow(deps, at)) return 0;
  const now = at;
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
      const requester = await tx.directory.personById(request.requesterId);
      const requesterName = requester?.name ?? request.requesterId;
      const move = await planMove(deps, tx, request, step, now);
      if ('stuck' in move) return { ok: true as const, value: await tellStuck(deps, tx, request, step, from?.name ?? step.approverId, limit, now) };
      const moved = await tx.approvals.transition(request.id, request.version, move.transition);
      if (!moved) return { ok: true as const, value: false };
      const updated = (await tx.approvals.byId(request.id))!;
      await closeCard(tx, request, step.seq, 'escalated', { name: move.to.name }, requesterName, now, deps.timezone);
      await notifyApprover(tx, updated, requesterName, now, today, undefined, deps.policy.expenses.eventBenchmarkFen);
      await tx.outbox.enqueue(
        {
          dedupeKey: `approval:${request.id}:escalated:${step.seq}:${move.to.id}`,
          personId: request.requesterId,
          notice: { kind: 'approval_escalated', requestId: request.id, subject: request.subject, from: from?.name ?? step.approverId, to: move.to.name, days: limit },
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
        details: { kind: updated.kind, from: step.approverId, to: move.to.id, step: step.seq, currentStep: updated.currentStep },
      });
      return { ok: true as const, value: true };
    });
    if (result.ok && result.value) escalated++;
  }
  return escalated;
}

/**
 * Nobody else may take the step: it stays with its role, and the department
 * manager is told, once per step (not when they are the requester or the
 * waiting approver; then the policy's top approver). True when a notice was queued.
 */
async function tellStuck(deps: CoreDeps, tx: Tx, request: ApprovalRequest, step: ApprovalStep, fromName: string, days: number, at: Date): Promise<boolean> {
  let told = false;
  const managers = (await tx.directory.withRole('department_manager')).filter((m) => m.id !== request.requesterId && m.id !== step.approverId);
  // The department manager's own request: the policy's top approver hears of it instead.
  const tell = managers.length ? managers : (await topApprover(tx, deps.policy)).filter((p) => p.id !== request.requesterId && p.id !== step.approverId);
  for (const manager of tell) {
    const queued = await tx.outbox.enqueue(
      {
        dedupeKey: `approval:${request.id}:stuck:${step.seq}:${manager.id}`,
        personId: manager.id,
        notice: { kind: 'approval_stuck', requestId: request.id, subject: request.subject, role: step.role, from: fromName, days },
      },
      at,
    );
    told = told || queued;
  }
  return told;
}
