import { ROLES, type Person } from '../people.ts';
import type { Repositories } from '../ports.ts';
import { REVIEWED_ROLES } from './figures.ts';

/** The reviewed people (sales, promotion staff, account managers) of a region, or of all regions, in id order. */
export async function reviewedPeople(tx: Repositories, region: string | null): Promise<Person[]> {
  const people: Person[] = [];
  for (const role of REVIEWED_ROLES) people.push(...(await tx.directory.withRole(role, region ?? undefined)));
  return people.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Who may see or set `target`'s figures and goals (KPI-1, KPI-2): the person
 * themself (`self` allowed), the department manager for everyone, a regional
 * manager for anyone in their own region (policy.md: "see the region"), and
 * anyone in the target's manager chain. `chainOf` answers that chain.
 */
export function mayManageWith(chainOf: (personId: string) => Person[], viewer: Person, target: Person, self: boolean): boolean {
  if (viewer.id === target.id) return self;
  if (viewer.role === 'department_manager') return true;
  if (viewer.role === 'regional_manager' && viewer.region === target.region) return true;
  return chainOf(target.id).some((m) => m.id === viewer.id);
}

/** The same for one pair, asking the directory for the chain only when the roles do not decide. */
export async function mayManage(tx: Repositories, viewer: Person, target: Person, self: boolean): Promise<boolean> {
  if (viewer.id === target.id) return self;
  if (viewer.role === 'department_manager' || (viewer.role === 'regional_manager' && viewer.region === target.region)) return true;
  const chain = await tx.directory.managerChain(target.id);
  return mayManageWith(() => chain, viewer, target, self);
}

/**
 * The active people, read once (one query per role), with each one's manager
 * chain worked out in memory: what a job or a team list asks of many pairs
 * without a chain of queries per pair. A chain stops at an inactive manager
 * and at a loop, as the directory's own managerChain does.
 */
export interface OrgChart {
  byId: Map<string, Person>;
  chainOf(personId: string): Person[];
  mayManage(viewer: Person, target: Person, self: boolean): boolean;
}

export async function orgChart(tx: Repositories): Promise<OrgChart> {
  const byId = new Map<string, Person>();
  for (const role of ROLES) for (const person of await tx.directory.withRole(role)) byId.set(person.id, person);
  const chains = new Map<string, Person[]>();
  const chainOf = (personId: string): Person[] => {
    const known = chains.get(personId);
    if (known) return known;
    const chain: Person[] = [];
    const seen = new Set([personId]);
    let next = byId.get(personId)?.managerId;
    while (next && !seen.has(next)) {
      seen.add(next);
      const manager = byId.get(next);
      if (!manager) break;
      chain.push(manager);
      next = manager.managerId;
    }
    chains.set(personId, chain);
    return chain;
  };
  return { byId, chainOf, mayManage: (viewer, target, self) => mayManageWith(chainOf, viewer, target, self) };
}
