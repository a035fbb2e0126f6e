import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { SharedKeyName } from '../../grammar/keys.ts';
import { ruleIdOf, type RuleId } from '../../core/policy-ack/rules.ts';

export type PolicyInput = { action: 'show'; rule: RuleId | null } | { action: 'ack' } | { action: 'status' };

const ACTIONS: Record<string, 'ack' | 'status'> = { ack: 'ack', acknowledge: 'ack', 确认: 'ack', 已阅: 'ack', status: 'status', 情况: 'status', 状态: 'status' };

/** `/policy`, `/policy <rule>` (EXP-1, exp1, ＥＸＰ－１), `/policy ack`, `/policy status`; anything else names the problem and the choices. */
export function buildPolicy({ words }: RawCommand<SharedKeyName>): Parsed<PolicyInput> {
  const [word, ...extra] = words.split(/\s+/).filter(Boolean);
  if (!word) return { ok: true, value: { action: 'show', rule: null } };
  const issues: InputIssue[] = [];
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: '-' }));
  const action = ACTIONS[word.toLowerCase()];
  const rule = action ? null : ruleIdOf(word);
  if (!action && !rule) issues.push(issue('choice_invalid', 'rule', { value: word.slice(0, 40), options: 'ack, status, LEAD-1 … TRN-1' }));
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: action ? { action } : { action: 'show', rule } };
}
