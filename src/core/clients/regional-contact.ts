import type { Person } from '../people.ts';
import type { Tx } from '../ports.ts';
import type { Company } from './types.ts';

/**
 * CLI-2: an A-class client has its region's regional manager as contact
 * (区域经理对接), beside the account manager. Nobody for other grades: the
 * policy names the regional manager as contact of A-class clients only.
 */
export async function regionalContacts(tx: Tx, company: Company): Promise<Person[]> {
  if (company.grade !== 'A') return [];
  return tx.directory.withRole('regional_manager', company.region);
}
