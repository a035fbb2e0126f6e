import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { gateOf, needsProgress, type Gate } from './gates.ts';
import { NEGOTIATION_STAGE, type Deal } from './types.ts';

/** A deal as its card shows it: the owner by name and what the next stage still needs. */
export interface DealCard {
  deal: Deal;
  owner: Person | null;
  gate: Gate;
  needs: { answered: number; total: number; missing: number[] };
}

export async function dealCard(deps: Pick<CoreDeps, 'policy'>, tx: Tx, deal: Deal): Promise<DealCard> {
  const owner = await tx.directory.personById(deal.ownerId);
  // Contracts matter only to the negotiation gate (PIPE-4): read them only there.
  const contracts = deal.status === 'open' && deal.stage === NEGOTIATION_STAGE ? await tx.deals.contractsOf(deal.id) : [];
  return { deal, owner, gate: gateOf(deal, deps.policy, contracts), needs: needsProgress(deal, deps.policy) };
}
