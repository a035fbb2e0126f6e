import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { mayHandleContract, notContractInsider } from './access.ts';
import type { Contract } from './types.ts';

export interface ContractCard {
  contract: Contract;
  ownerName: string;
  receivedFen: number;
  /** May the reader submit or sign it (the buttons the card shows)? */
  mayAct: boolean;
}

/** `/contract <id>`: the card, for its insiders, legal (CON-2) and finance (CON-3). */
export async function showContract(deps: CoreDeps, actor: Actor, contractId: number): Promise<CoreResult<ContractCard>> {
  return deps.store.transaction(async (tx) => {
    const contract = await tx.contracts.byId(contractId);
    if (!contract) return refuse('contract_not_found', { id: contractId });
    const mayAct = await mayHandleContract(tx, actor.person, contract.ownerId, contract.companyId);
    if (!mayAct && actor.person.role !== 'legal' && actor.person.role !== 'finance') return notContractInsider(tx, contract.ownerId);
    const owner = await tx.directory.personById(contract.ownerId);
    return ok({ contract, ownerName: owner?.name ?? contract.ownerId, receivedFen: await tx.payments.receivedFor(contract.id), mayAct });
  });
}
