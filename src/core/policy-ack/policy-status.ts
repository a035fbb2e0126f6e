import { ROLES, type Person } from '../people.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { pendingOf } from './acknowledgements.ts';
import type { PolicyStatus } from './types.ts';

/**
 * `/policy status` (TRN-1: "the bot tracks who has not"): who has not
 * acknowledged the current policy, and what. A regional manager sees their
 * region, the department manager everyone; nobody else.
 */
export async function policyStatus(deps: CoreDeps, actor: Actor): Promise<CoreResult<PolicyStatus>> {
  const me = actor.person;
  if (me.role !== 'regional_manager' && me.role !== 'department_manager') return refuse('not_allowed', { role: me.role });
  const region = me.role === 'regional_manager' ? me.region : null;
  return deps.store.direct(async (repos) => {
    const people: Person[] = [];
    for (const role of ROLES) people.push(...(await repos.directory.withRole(role, region ?? undefined)));
    people.sort((a, b) => a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
    const pending = await pendingOf(repos, deps.policy, people);
    const missing = people.flatMap((person) => {
      const items = pending.get(person.id) ?? [];
      return items.length ? [{ person, pending: items }] : [];
    });
    return ok({ region, covered: people.length, missing });
  });
}
