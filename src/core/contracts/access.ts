import type { Person } from '../people.ts';
import type { CoreRefusal, Tx } from '../ports.ts';
import { isDealInsider } from '../deals/access.ts';
import { NEGOTIATION_STAGE } from '../deals/types.ts';
import type { Contract, DealForContract } from './types.ts';
import { refuse } from '../result.ts';

/**
 * Who may draft, submit and sign a deal's contract: whoever may act on the
 * deal (its owner, the company's account manager, the managers above the owner).
 */
export const mayHandleContract = (tx: Tx, person: Person, ownerId: string, companyId: number): Promise<boolean> => isDealInsider(tx, person, ownerId, companyId);

/** The refusal names the owner, so the reader knows whom to ask. */
export async function notContractInsider(tx: Tx, ownerId: string) {
  const owner = await tx.directory.personById(ownerId);
  return refuse('not_contract_insider', { owner: owner?.name ?? ownerId });
}

/**
 * A contract and its deal, both locked, the deal first: the order drafting
 * and losing a deal take them too, so a submit or a signing queues behind a
 * correction or a lost deal instead of deadlocking with it. Null when there
 * is no such contract.
 */
export async function lockContractWithDeal(tx: Tx, contractId: number): Promise<{ contract: Contract; deal: DealForContract } | null> {
  const peek = await tx.contracts.byId(contractId);
  if (!peek) return null;
  const deal = await tx.contracts.dealForContract(peek.dealId, 'for update');
  const contract = await tx.contracts.byId(contractId, 'for update');
  if (!deal || !contract) throw new Error(`contract ${contractId} has lost its deal`);
  return { contract, deal };
}

/** Submitting and signing need the deal still open at negotiation (PIPE-4): a lost or won deal's contract goes no further. */
export function dealNotNegotiating(deal: DealForContract): CoreRefusal | null {
  return deal.status === 'open' && deal.stage === NEGOTIATION_STAGE ? null : refuse('deal_not_negotiating', { id: deal.id, stage: deal.stage, status: deal.status });
}
