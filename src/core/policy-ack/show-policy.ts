import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok } from '../result.ts';
import { pendingOf } from './acknowledgements.ts';
import { RULE_SECTIONS, ruleValues, type RuleId, type RuleSection } from './rules.ts';
import type { PolicyShown, RuleShown } from './types.ts';
import { itemVersion } from './versions.ts';

/**
 * `/policy` and `/policy <rule>` (TRN-1): the rules with the values of the
 * company's policy, and what the asker has still to acknowledge. Everyone may
 * read the policy; `only` narrows it to one rule.
 */
export async function showPolicy(deps: CoreDeps, actor: Actor, only: RuleId | null = null): Promise<CoreResult<PolicyShown>> {
  const pending = (await deps.store.direct((repos) => pendingOf(repos, deps.policy, [actor.person]))).get(actor.person.id) ?? [];
  const waiting = new Set<string>(pending);
  const rules: RuleShown[] = [];
  for (const [section, ids] of Object.entries(RULE_SECTIONS) as [RuleSection, readonly RuleId[]][]) {
    for (const id of ids) {
      if (only && id !== only) continue;
      rules.push({ id, section, values: ruleValues(deps.policy, id), version: itemVersion(deps.policy, id), acknowledged: !waiting.has(id) });
    }
  }
  return ok({ role: actor.person.role, rules, pending });
}
