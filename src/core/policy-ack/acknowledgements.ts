import type { Person } from '../people.ts';
import type { Policy } from '../policy.ts';
import type { Repositories } from '../ports.ts';
import { ackKey, pendingItems, type AckItem } from './versions.ts';

/** What each of these people has still to acknowledge of the current policy, read in one query. */
export async function pendingOf(repos: Repositories, policy: Policy, people: readonly Person[]): Promise<Map<string, AckItem[]>> {
  const acks = await repos.policyAcks.acksOf(people.map((p) => p.id));
  const done = new Map<string, Set<string>>();
  for (const a of acks) {
    const mine = done.get(a.personId) ?? new Set<string>();
    mine.add(ackKey(a.item, a.version));
    done.set(a.personId, mine);
  }
  return new Map(people.map((p) => [p.id, pendingItems(policy, p.role, done.get(p.id) ?? new Set())]));
}
