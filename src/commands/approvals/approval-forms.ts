import type { FormSpec } from '../family.ts';
import { dateField, multilineField, personField, textField, wordsField } from '../../grammar/form-field.ts';
import type { ApprovalKey } from './approval-keys.ts';

export const APPROVAL_FORMS = {
  expense: { command: 'expense', fields: [wordsField('amount'), wordsField('purpose'), textField('event'), dateField('date')] },
  promo: { command: 'promo', fields: [wordsField('subject'), textField('product'), dateField('start'), textField('budget')] },
  /**
   * `/delegate` alone (APR-3): the delegate picked from the directory, the last day from a calendar; it reads as
   * `/delegate @id until:…`. The delegate is the command's words, not a key: the field borrows the key `id`, labelled `form.delegate.id`.
   */
  delegate: { command: 'delegate', fields: [{ ...personField('id', true), positional: true, issueField: 'delegate' }, dateField('until', true)], asTyped: true },
  /** Opened by a Reject button: the request's number filled in, the reason asked for; it reads as `/approvals reject <id> reason:…`. */
  reject: { command: 'approvals', fields: [wordsField('id'), multilineField('reason', true)], words: (id) => `reject ${id}`.trim(), asTyped: true },
} as const satisfies Record<string, FormSpec<ApprovalKey>>;
