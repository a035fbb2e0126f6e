import type { Tx } from '../ports.ts';
import type { Person } from '../people.ts';

/**
 * Who may allow a reporter's likely duplicate (LEAD-2): the reporter's
 * regional manager (the first above them in the org, else their region's)
 * and the department manager; never the reporter.
 */
export async function duplicateDeciders(tx: Tx, reporter: Person): Promise<Person[]> {
  const chain = await tx.directory.managerChain(reporter.id);
  const inChain = chain.find((m) => m.role === 'regional_manager');
  const regional = inChain ? [inChain] : await tx.directory.withRole('regional_manager', reporter.region);
  const department = await tx.directory.withRole('department_manager');
  const seen = new Set<string>();
  return [...regional, ...department].filter((p) => p.id !== reporter.id && !seen.has(p.id) && seen.add(p.id));
}

/** May this person decide that reporter's held report? */
export async function mayDecideDuplicate(tx: Tx, person: Person, reporter: Person): Promise<boolean> {
  return (await duplicateDeciders(tx, reporter)).some((d) => d.id === person.id);
}
