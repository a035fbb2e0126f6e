import { acknowledgePolicy } from '../../core/policy-ack/acknowledge.ts';
import { policyStatus } from '../../core/policy-ack/policy-status.ts';
import { showPolicy } from '../../core/policy-ack/show-policy.ts';
import { acknowledgedView, policyStatusView, policyView, ruleView } from '../../views/policy-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { SharedKeyName } from '../../grammar/keys.ts';
import type { CommandFamily } from '../family.ts';
import { buildPolicy, type PolicyInput } from './read-policy.ts';

export type PolicyCommand = { kind: 'policy'; input: PolicyInput };

/** `/policy [<rule>|ack|status]` (TRN-1): the policy as configured, one rule, acknowledging it, and who has not. */
export const policyFamily = {
  name: 'policy',
  commands: {
    policy: {
      words: { en: ['policy'], 'zh-CN': ['制度'] },
      keys: [],
      read: (raw) => {
        const input = buildPolicy(raw);
        return input.ok ? { ok: true, value: { kind: 'policy', input: input.value } } : input;
      },
    },
  },
  kinds: ['policy'],
  async run({ input }, { deps, actor, view }) {
    switch (input.action) {
      case 'show':
        return viewOf(view.t, await showPolicy(deps, actor, input.rule), (shown) => (input.rule ? ruleView(view, shown) : policyView(view, shown)));
      case 'ack':
        return viewOf(view.t, await acknowledgePolicy(deps, actor), (done) => acknowledgedView(view, done));
      case 'status':
        return viewOf(view.t, await policyStatus(deps, actor), (status) => policyStatusView(view, status));
      default: {
        const unhandled: never = input;
        throw new Error(`unhandled policy command ${JSON.stringify(unhandled)}`);
      }
    }
  },
} satisfies CommandFamily<PolicyCommand, SharedKeyName>;
