import type { Person } from '../people.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate, type IsoDate } from '../time.ts';

export interface DelegateCommand {
  delegateId: string;
  until: IsoDate;
}

/**
 * `/delegate @id until:<date>` (EXP-1): while away, the delegate decides my
 * approval steps too and gets their cards. Audited (SEC-3).
 */
export async function setDelegate(deps: CoreDeps, actor: Actor, cmd: DelegateCommand): Promise<CoreResult<{ delegate: Person; until: IsoDate }>> {
  if (cmd.delegateId === actor.person.id) return refuse('delegate_self');
  const now = deps.clock.now();
  if (cmd.until < localDate(now, deps.timezone)) return refuse('until_past', { until: cmd.until });
  return deps.store.transaction(async (tx) => {
    const delegate = await tx.directory.personById(cmd.delegateId);
    if (!delegate) return refuse('person_not_found', { person: cmd.delegateId });
    if (delegate.role === 'partner') return refuse('not_allowed', { role: delegate.role });
    await tx.delegations.set(actor.person.id, delegate.id, cmd.until, now);
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'delegation.set',
      subjectType: 'person',
      subjectId: actor.person.id,
      platform: actor.platform,
      details: { delegate: delegate.id, until: cmd.until },
    });
    return ok({ delegate, until: cmd.until });
  });
}
