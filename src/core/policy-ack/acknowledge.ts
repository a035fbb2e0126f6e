import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok } from '../result.ts';
import { pendingOf } from './acknowledgements.ts';
import type { PolicyAcknowledged } from './types.ts';
import { itemVersion } from './versions.ts';

/**
 * `/policy ack` (TRN-1): records that the asker acknowledges the current
 * version of every rule they had not (a partner, the confidentiality clause
 * too). After a policy change that is only the changed rules. A second
 * acknowledgement records nothing and says so.
 */
export async function acknowledgePolicy(deps: CoreDeps, actor: Actor): Promise<CoreResult<PolicyAcknowledged>> {
  return deps.store.transaction(async (tx) => {
    const pending = (await pendingOf(tx, deps.policy, [actor.person])).get(actor.person.id) ?? [];
    const items = pending.map((item) => ({ item, version: itemVersion(deps.policy, item) }));
    if (items.length) {
      await tx.policyAcks.record(actor.person.id, items, deps.clock.now());
      await tx.audit.record({
        at: deps.clock.now(),
        actorId: actor.person.id,
        action: 'policy.acknowledge',
        subjectType: 'policy',
        subjectId: actor.person.id,
        platform: actor.platform,
        details: { items: items.map((i) => `${i.item}@${i.version}`).join(',') },
      });
    }
    return ok({ acknowledged: pending, role: actor.person.role });
  });
}
