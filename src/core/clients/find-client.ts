import { normalizeCompanyName } from '../leads/company-name.ts';
import type { Company, Tx } from '../ports.ts';

/** Finds a client by the name a person typed, compared as LEAD-2 compares names. */
export async function findClient(tx: Tx, typedName: string, lock?: 'for update'): Promise<Company | null> {
  const normName = normalizeCompanyName(typedName);
  return normName ? tx.companies.byNormName(normName, lock) : null;
}
