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
  /** The name the command's input issues give this field, where it is not the key (a contract's `method` is its payment method). */
  issueField?: string;
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
  ticket: [words('company'), { key: 'problem', required: true, kind: 'multiline' }],
  /** Opened by a ticket's Respond button: the ticket's number filled in, the response asked for. */
  ticket_respond: [words('ticket'), { key: 'response', required: true, kind: 'multiline' }],
  /** `/plan` alone (KPI-4): the plan as one text, so a `word:` inside it is text, not a key. */
  plan: [{ key: 'text', required: true, kind: 'multiline', positional: true }],
  /** Opened by a Reject button: the request's number filled in, the reason asked for. */
  reject: [words('id'), { key: 'reason', required: true, kind: 'multiline' }],
  /** Opened by a held likely duplicate's Allow button (LEAD-2): its number filled in, the reason asked for. */
  lead_allow: [words('id'), { key: 'reason', required: true, kind: 'multiline' }],
  /** `/deal` alone: open a deal (PIPE-1), mapped back as `/deal new <company> amount:…`. */
  deal: [words('company'), text('amount')],
  /** PIPE-2: the needs checklist of one deal, its number filled in; the labels are the questions. */
  needs: [
    words('deal_id'),
    ...(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'] as const).map(
      (key): FormField => ({ key, required: false, kind: 'multiline' }),
    ),
    { key: 'method', required: false, kind: 'choice', options: ['phone', 'questionnaire', 'onsite'] },
  ],
  /** PIPE-3: the proposal of one deal; parts may come one at a time. */
  proposal: [
    words('deal_id'),
    { key: 'products', required: false, kind: 'multiline' },
    { key: 'pricing', required: false, kind: 'multiline' },
    { key: 'service', required: false, kind: 'multiline' },
  ],
  /** Opened by a deal's Lost button: its number filled in, the reason asked for. */
  lost: [words('deal_id'), { key: 'reason', required: true, kind: 'multiline' }],
  /** `/contract` alone: draft a deal's contract (CON-1), mapped back as `/contract <deal> amount:… …`. */
  contract: [
    { ...words('deal_id'), issueField: 'contract_deal' },
    text('amount', true),
    text('delivery', true),
    { ...text('method', true), issueField: 'payment_method' },
    text('term', true),
    text('penalty', true),
    { key: 'sign', required: true, kind: 'choice', options: ['esign', 'paper'] },
  ],
  /** `/payment` alone: record a payment (CON-3), mapped back as `/payment <contract> amount:… date:…`. */
  payment: [words('contract_id'), text('amount', true), text('date')],
} as const satisfies Record<string, readonly FormField[]>;

export type FormName = keyof typeof FORMS;

export const isFormName = (name: string): name is FormName => name in FORMS;
