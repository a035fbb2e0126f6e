import type { Person } from '../people.ts';
import type { CoreRefusal, Tx } from '../ports.ts';
import { NEGOTIATION_STAGE } from '../deals/types.ts';
import type { Contract, DealForContract } from './types.ts';
import { refuse } from '../result.ts';

/**
 * Who may draft, submit and sign a deal's contract: the deal's owner, the
 * company's account manager (CLI-2), and the managers above the owner (the
 * department manager runs every region, so always).
 */
export async function mayHandleContract(tx: Tx, person: Person, ownerId: string, companyId: number): Promise<boolean> {
  if (person.id === ownerId || person.role === 'department_manager') return true;
  const company = await tx.companies.byId(companyId);
  if (company?.accountManagerId === person.id) return true;
  return (await tx.directory.managerChain(ownerId)).some((m) => m.id === person.id);
}

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
