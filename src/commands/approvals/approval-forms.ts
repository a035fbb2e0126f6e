import type { FormSpec } from '../family.ts';
import { multilineField, textField, wordsField } from '../../grammar/form-field.ts';
import type { ApprovalKey } from './approval-keys.ts';

export const APPROVAL_FORMS = {
  expense: { command: 'expense', fields: [wordsField('amount'), wordsField('purpose'), textField('event'), textField('date')] },
  promo: { command: 'promo', fields: [wordsField('subject'), textField('product'), textField('start'), textField('budget')] },
  /** Opened by a Reject button: the request's number filled in, the reason asked for; it reads as `/approvals reject <id> reason:…`. */
  reject: { command: 'approvals', fields: [wordsField('id'), multilineField('reason', true)], words: (id) => `reject ${id}`.trim(), asTyped: true },
} as const satisfies Record<string, FormSpec<ApprovalKey>>;
