import { createHash } from 'node:crypto';
import type { Role } from '../people.ts';
import type { Policy } from '../policy.ts';
import { RULE_IDS, ruleValues, type RuleId } from './rules.ts';

/**
 * What a person acknowledges (TRN-1): every rule, and partners (outside
 * agencies under a service agreement) also the confidentiality clause,
 * which is SEC-2's text signed as a clause of their agreement.
 */
export const CONFIDENTIALITY = 'confidentiality';
export type AckItem = RuleId | typeof CONFIDENTIALITY;

export const itemsFor = (role: Role): readonly AckItem[] => (role === 'partner' ? [...RULE_IDS, CONFIDENTIALITY] : RULE_IDS);

/**
 * A rule's version: a short hash of its id and its values in the policy.
 * A policy file that changes a value makes a new version of that rule only,
 * so people are asked again about what changed and nothing else (TRN-1
 * reading). The confidentiality clause is SEC-2's text: its version is
 * SEC-2's.
 */
export function itemVersion(policy: Policy, item: AckItem): string {
  const rule: RuleId = item === CONFIDENTIALITY ? 'SEC-2' : item;
  const values = ruleValues(policy, rule);
  const canonical = JSON.stringify([item, Object.keys(values).sort().map((key) => [key, values[key]])]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** The current version of every item a person of this role acknowledges. */
export const currentVersions = (policy: Policy, role: Role): Map<AckItem, string> =>
  new Map(itemsFor(role).map((item) => [item, itemVersion(policy, item)]));

/** Of the current versions, those this person has not acknowledged, in policy order. */
export function pendingItems(policy: Policy, role: Role, acknowledged: ReadonlySet<string>): AckItem[] {
  return [...currentVersions(policy, role)].filter(([item, version]) => !acknowledged.has(ackKey(item, version))).map(([item]) => item);
}

/** How one acknowledgement is looked up: the item at that version. */
export const ackKey = (item: string, version: string): string => `${item}@${version}`;
