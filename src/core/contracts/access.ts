import type { Person } from '../people.ts';
import type { Tx } from '../ports.ts';
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
