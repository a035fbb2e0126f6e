import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok } from '../result.ts';
import { dealCard, type DealCard } from './deal-card.ts';
import type { DealScope } from './types.ts';

export interface DealList {
  scope: DealScope;
  deals: DealCard[];
}

/**
 * `/deals`: the open deals a person answers for. The department manager sees
 * all, a regional manager the region's, everyone else their own and those of
 * the clients they manage as account manager.
 */
export async function listDeals(deps: CoreDeps, actor: Actor): Promise<CoreResult<DealList>> {
  const { person } = actor;
  const scope: DealScope =
    person.role === 'department_manager'
      ? { kind: 'all' }
      : person.role === 'regional_manager'
        ? { kind: 'region', region: person.region }
        : { kind: 'mine', personId: person.id };
  return deps.store.transaction(async (tx) => {
    const deals: DealCard[] = [];
    // One after another: a transaction has one connection.
    for (const deal of await tx.deals.listOpen(scope)) deals.push(await dealCard(deps, tx, deal));
    return ok({ scope, deals });
  });
}
