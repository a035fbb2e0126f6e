import type { Person } from '../people.ts';
import type { Tx } from '../ports.ts';
import { isReviewed } from './figures.ts';

/** The reviewed people (sales, account managers) of a region, or of all regions, in id order. */
export async function reviewedPeople(tx: Tx, region: string | null): Promise<Person[]> {
  const people = [
    ...(await tx.directory.withRole('sales', region ?? undefined)),
    ...(await tx.directory.withRole('account_manager', region ?? undefined)),
  ];
  return people.filter((p) => isReviewed(p.role)).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Whether `viewer` may see or set `target`'s figures and goals: the person
 * themself (`self` allowed), anyone in their manager chain, and the
 * department manager for everyone.
 */
export async function mayManage(tx: Tx, viewer: Person, target: Person, self: boolean): Promise<boolean> {
  if (viewer.id === target.id) return self;
  if (viewer.role === 'department_manager') return true;
  return (await tx.directory.managerChain(target.id)).some((m) => m.id === viewer.id);
}
