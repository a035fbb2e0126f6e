import type { CoreDeps, CoreResult } from './ports.ts';
import type { Person, Platform } from './people.ts';
import { ok, refuse } from './result.ts';

/** A platform user → a person of the directory; anyone else is refused and nothing is stored. */
// Lookups made on every request: plain reads, no transaction around them.

export function identify(deps: Pick<CoreDeps, 'store'>, platform: Platform, platformId: string): Promise<CoreResult<Person>> {
  return deps.store.direct(async (tx) => {
    const person = await tx.directory.personByPlatform(platform, platformId);
    return person ? ok(person) : refuse('not_in_directory');
  });
}

export function personById(deps: Pick<CoreDeps, 'store'>, id: string): Promise<CoreResult<Person>> {
  return deps.store.direct(async (tx) => {
    const person = await tx.directory.personById(id);
    return person ? ok(person) : refuse('person_not_found', { person: id });
  });
}

export function listRegions(deps: Pick<CoreDeps, 'store'>): Promise<CoreResult<string[]>> {
  return deps.store.direct(async (tx) => ok(await tx.directory.regions()));
}
