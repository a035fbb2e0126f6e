import type { Person } from '../people.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate, type IsoDate } from '../time.ts';
import { approvesFor, mayStandInFor } from './eligibility.ts';
import { closeCopy, closedNotice, deciders, sendCardTo } from './notify.ts';

export interface DelegateCommand {
  delegateId: string;
  until: IsoDate;
}

/**
 * `/delegate @id until:<date>` (EXP-1): while away, the delegate decides my
 * approval steps too and gets their cards, at once for what already waits on
 * me. The delegate must be able to hold the steps I approve (approvesFor:
 * finance, legal and the marketing reviewer delegate to their own role, a
 * manager to a manager); and never decides their own request or a request
 * they hold another step of (deciders). A delegation it replaces hands its
 * cards back. Audited (SEC-3).
 */
export async function setDelegate(deps: CoreDeps, actor: Actor, cmd: DelegateCommand): Promise<CoreResult<{ delegate: Person; until: IsoDate; waiting: number }>> {
  if (cmd.delegateId === actor.person.id) return refuse('delegate_self');
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  if (cmd.until < today) return refuse('until_past', { until: cmd.until });
  const roles = approvesFor(deps.policy, actor.person);
  if (!roles.length) return refuse('not_allowed', { role: actor.person.role });
  return deps.store.transaction(async (tx) => {
    const delegate = await tx.directory.personById(cmd.delegateId);
    if (!delegate) return refuse('person_not_found', { person: cmd.delegateId });
    if (delegate.role === 'partner') return refuse('not_allowed', { role: delegate.role });
    if (!mayStandInFor(delegate, roles)) return refuse('delegate_cannot_approve', { name: delegate.name, role: delegate.role });
    const previous = await tx.delegations.activeFor(actor.person.id, today);
    await tx.delegations.set(actor.person.id, delegate.id, cmd.until, now);
    if (previous && previous !== delegate.id) await handBack(deps, tx, actor.person, previous, now);
    // What already waits on me reaches the delegate now, not only what comes after.
    let waiting = 0;
    for (const request of await tx.approvals.waitingOn(actor.person.id)) {
      const step = request.steps[request.currentStep - 1];
      if (!step || !(await deciders(tx, request, step, today)).includes(delegate.id)) continue;
      const requester = await tx.directory.personById(request.requesterId);
      await sendCardTo(tx, request, delegate.id, requester?.name ?? request.requesterId, now, deps.policy.expenses.eventBenchmarkFen);
      waiting++;
    }
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'delegation.set',
      subjectType: 'person',
      subjectId: actor.person.id,
      platform: actor.platform,
      details: { delegate: delegate.id, until: cmd.until, waiting },
    });
    return ok({ delegate, until: cmd.until, waiting });
  });
}

/**
 * The cards a former delegate holds of what still waits on the delegator are
 * shown again with no buttons ("back with …"); their clicks were refused from
 * the day the delegation ended (deciders).
 */
async function handBack(deps: CoreDeps, tx: Tx, delegator: Person, delegateId: string, at: Date): Promise<void> {
  for (const request of await tx.approvals.waitingOn(delegator.id)) {
    const requester = await tx.directory.personById(request.requesterId);
    const notice = closedNotice(request, 'returned', delegator.name, requester?.name ?? request.requesterId, at, deps.timezone);
    await closeCopy(tx, request.id, request.currentStep, delegateId, notice, at, 'returned');
  }
}

/**
 * Delegations that ended (their last day is past) or were replaced give the
 * delegator's waiting requests back: the delegate's cards are closed, once.
 * Run by the hourly approvals-escalate job; a card update sends no new message.
 */
export async function returnEndedDelegations(deps: CoreDeps, at: Date = deps.clock.now()): Promise<number> {
  const today = localDate(at, deps.timezone);
  const result = await deps.store.transaction(async (tx) => {
    const ended = await tx.delegations.toReturn(today);
    let returned = 0;
    for (const d of ended) {
      // Named again (a newer delegation to the same person still running): nothing goes back.
      if ((await tx.delegations.activeFor(d.personId, today)) === d.delegateId) continue;
      const delegator = await tx.directory.personById(d.personId);
      if (delegator) await handBack(deps, tx, delegator, d.delegateId, at);
      returned++;
    }
    await tx.delegations.markReturned(
      ended.map((d) => d.id),
      at,
    );
    return { ok: true as const, value: returned };
  });
  return result.ok ? result.value : 0;
}
