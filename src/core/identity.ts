import type { CoreDeps, CoreResult } from './ports.ts';
import type { Person, Platform } from './people.ts';
import { ok } from './result.ts';

// Lookups made on every request: plain reads, no transaction around them.

/** A platform user → the person of the directory, or null: the adapter answers a stranger and stores nothing. */
export function identify(deps: Pick<CoreDeps, 'store'>, platform: Platform, platformId: string): Promise<Person | null> {
  return deps.store.direct((tx) => tx.directory.personByPlatform(platform, platformId));
}

/** A person of the directory by id (`/as`, `--as`), or null. */
export function personById(deps: Pick<CoreDeps, 'store'>, id: string): Promise<Person | null> {
  return deps.store.direct((tx) => tx.directory.personById(id));
}

export function listRegions(deps: Pick<CoreDeps, 'store'>): Promise<CoreResult<string[]>> {
  return deps.store.direct(async (tx) => ok(await tx.directory.regions()));
}
