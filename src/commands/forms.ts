import type { KeyName } from './keys.ts';

/**
 * The forms a command opens when it is given without its arguments (Slack
 * modal, Feishu form card, console prompts). Labels come from i18n; this is
 * only which fields there are and which are required.
 */
export interface FormField {
  key: KeyName;
  required: boolean;
  /** Written as the command's words (before any key), in this order: `/expense <amount> <purpose>`. */
  positional?: true;
  kind: 'text' | 'multiline' | 'choice' | 'region';
  /** For 'choice': the values, each with an i18n label `choice.<key>.<value>`. */
  options?: readonly string[];
}

const text = (key: KeyName, required = false): FormField => ({ key, required, kind: 'text' });
const words = (key: KeyName): FormField => ({ key, required: true, kind: 'text', positional: true });

export const FORMS = {
  lead: [
    words('company'),
    text('contact', true),
    text('phone'),
    text('email'),
    text('size', true),
    text('position', true),
    { key: 'region', required: false, kind: 'region' },
    text('code'),
    text('source'),
  ],
  client: [words('company')],
  visit: [
    words('company'),
    { key: 'method', required: false, kind: 'choice', options: ['onsite', 'phone'] },
    { key: 'note', required: false, kind: 'multiline' },
  ],
  expense: [words('amount'), words('purpose'), text('event'), text('date')],
  promo: [words('subject'), text('product'), text('start'), text('budget')],
  /** `/plan` alone (KPI-4): the plan as one text, so a `word:` inside it is text, not a key. */
  plan: [{ key: 'text', required: true, kind: 'multiline', positional: true }],
  /** Opened by a Reject button: the request's number filled in, the reason asked for. */
  reject: [words('id'), { key: 'reason', required: true, kind: 'multiline' }],
} as const satisfies Record<string, readonly FormField[]>;

export type FormName = keyof typeof FORMS;

export const isFormName = (name: string): name is FormName => name in FORMS;
