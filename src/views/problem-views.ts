import type { InputIssue } from '../grammar/issues.ts';
import type { PolicyErrorCode } from '../core/errors.ts';
import { ruleOfRefusal } from '../core/policy-ack/refusal-rules.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import { roleName } from './role-name.ts';
import type { Block, View } from './view.ts';

// `refusal.${code}` must be a message key for every code: the compiler checks
// this line, so a new code without a sentence in both catalogs fails the build.
const refusalKey = (code: PolicyErrorCode): MessageKey => `refusal.${code}`;

const APPROVAL_REFUSALS = new Set<PolicyErrorCode>(['already_decided', 'not_your_step', 'not_requester', 'approval_not_found']);

/** Broken infrastructure (the database away): nothing was saved, try again. */
export const faultView = (t: Translate): View => ({ tone: 'danger', blocks: [{ type: 'text', text: t('fault.unavailable') }] });

/** A delivery the platform made again, after the first had its effect: marked so that adapters need not show it twice. */
export const repeatedView = (t: Translate): View => ({ tone: 'info', repeated: true, blocks: [{ type: 'text', text: t('refusal.already_handled') }] });

/** A refusal of the policy core, in the reader's language. */
export function refusalView(t: Translate, code: PolicyErrorCode, details: Record<string, string | number>): View {
  const params = { ...details };
  if (typeof details.role === 'string') params.role = roleName(t, details.role);
  // Only an approval's refusal carries an approval's status; a contract's or a deal's was put in words by its own view.
  const status = `approval.status.${details.status}`;
  if (APPROVAL_REFUSALS.has(code) && hasMessage(status)) params.status = t(status);
  const text = { type: 'text' as const, text: t(refusalKey(code), params) };
  // An ambiguous name lists the companies it matches, one a line (LEAD-2).
  if (code === 'client_ambiguous' && typeof details.choices === 'string') {
    return { tone: 'warning', blocks: [text, { type: 'list', items: details.choices.split('\n') }], refusal: code };
  }
  return { tone: 'warning', blocks: [text, ...ruleButton(t, code)], refusal: code };
}

/** The rule a refusal enforces, one press away (TRN-1): `/policy <rule>` shows it in the reader's language. */
function ruleButton(t: Translate, code: PolicyErrorCode): Block[] {
  const rule = ruleOfRefusal(code);
  return rule ? [{ type: 'actions', buttons: [{ label: t('button.policy_rule', { rule }), command: `/policy ${rule}` }] }] : [];
}

/** Everything wrong with what was typed, each naming its field, and how to write the command. */
/**
 * What was wrong with a command, each problem named, and how the command is
 * written. `typed` is what the person wrote: where it names a number (the
 * deal of `/合同 7 …`, the request of `/审批 拒绝 5`), the example names that
 * number too, not the help's made-up one.
 */
export function inputIssuesView(t: Translate, issues: InputIssue[], command?: string, typed?: string): View {
  const lines = issues.map((i) => issueText(t, i));
  const usage = command ? usageOf(command) : undefined;
  return {
    tone: 'warning',
    title: t('input.title'),
    blocks: [
      { type: 'list', items: lines },
      ...(usage ? [{ type: 'note' as const, text: t('input.how', { usage: withTypedNumber(t(usage), typed) }) }] : []),
    ],
  };
}

export function issueText(t: Translate, i: InputIssue): string {
  const params = { ...i.details, field: fieldLabel(t, i.field) };
  if (i.code === 'missing_field' && typeof i.details.or === 'string') {
    return t('input.missing_field_or', { ...params, or: fieldLabel(t, i.details.or) });
  }
  const key: MessageKey = `input.${i.code}`;
  return t(key, params);
}

export function fieldLabel(t: Translate, field: string | null): string {
  const key = `field.${field}`;
  return field && hasMessage(key) ? t(key) : (field ?? '');
}

const BARE_NUMBER = /^[#＃]?\d+$/u;

/** The example's first bare number (`/回款 3 …`) replaced by the first the person typed, if they typed one. */
function withTypedNumber(usage: string, typed: string | undefined): string {
  const number = typed?.trim().split(/\s+/u).slice(1).find((word) => BARE_NUMBER.test(word))?.replace(/^[#＃]/u, '');
  if (!number) return usage;
  const words = usage.split(' ');
  const at = words.findIndex((word, i) => i > 0 && BARE_NUMBER.test(word));
  if (at < 0) return usage;
  words[at] = number;
  return words.join(' ');
}

function usageOf(command: string): MessageKey | undefined {
  const key = `help.usage.${command}`;
  return hasMessage(key) ? key : undefined;
}
