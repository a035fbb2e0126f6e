import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { mayActOnDeal, notDealInsider } from './access.ts';
import { dealCard, type DealCard } from './deal-card.ts';

/** `/deal <id>`: the card, for those who may act on the deal. */
export async function showDeal(deps: CoreDeps, actor: Actor, dealId: number): Promise<CoreResult<DealCard>> {
  return deps.store.transaction(async (tx) => {
    const deal = await tx.deals.byId(dealId);
    if (!deal) return refuse('deal_not_found', { id: dealId });
    if (!(await mayActOnDeal(tx, actor.person, deal))) return notDealInsider(tx, deal);
    return ok(await dealCard(deps, tx, deal));
  });
}
