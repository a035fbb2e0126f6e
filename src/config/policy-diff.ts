/**
 * How a policy differs from the defaults, key by key, in the file's keys and
 * units (`expenses.event_benchmark: 35000 → 30000`, yuan as written, not fen),
 * for `npm run policy -- check`. A list is one value: the file replaces it whole.
 */
import { DEFAULT_POLICY, type Policy } from '../core/policy.ts';
import { policyAsWritten } from './policy-schema.ts';

export interface PolicyDifference {
  /** The dotted key as the file spells it, e.g. `leads.daily_target`. */
  key: string;
  /** The default, in the file's units; undefined where the defaults have no such key (a map's entry). */
  from: unknown;
  /** The policy's value, in the file's units; undefined where it has none. */
  to: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function differences(from: unknown, to: unknown, key: string, out: PolicyDifference[]): void {
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
      differences(from[k], to[k], key === '' ? k : `${key}.${k}`, out);
    }
  } else if (!same(from, to)) {
    out.push({ key, from, to });
  }
}

/** Every key whose value in `policy` is not the default's, in the order of the defaults. */
export function policyDifferences(policy: Policy, defaults: Policy = DEFAULT_POLICY): PolicyDifference[] {
  const out: PolicyDifference[] = [];
  differences(policyAsWritten(defaults), policyAsWritten(policy), '', out);
  return out;
}

/** A value as a YAML flow value, the way it is written in the file: 30000, "16:30", ["2027-01-01"], {top_percent: 5}. */
export function showPolicyValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(showPolicyValue).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${showPolicyValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** `leads.daily_target: 5 → 6`. */
export const showDifference = (d: PolicyDifference): string => `${d.key}: ${showPolicyValue(d.from)} → ${showPolicyValue(d.to)}`;
