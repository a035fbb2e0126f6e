/**
 * What can be wrong with what a person typed, before any rule is applied.
 * Each issue names the field it is about, so a form can show it inline.
 */
export const INPUT_ERROR_CODES = [
  'message_too_long',
  'unknown_command',
  'unknown_key',
  'duplicate_key',
  'missing_value',
  'missing_field',
  'too_long',
  'amount_invalid',
  'amount_negative',
  'amount_too_large',
  'phone_invalid',
  'email_invalid',
  'credit_code_invalid',
  'choice_invalid',
  'term_invalid',
  'penalty_invalid',
  'person_invalid',
  'emoji_not_allowed',
  'control_characters',
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

export interface InputIssue {
  code: InputErrorCode;
  /** The canonical key (e.g. 'phone'), 'company' for the words, or null for the whole message. */
  field: string | null;
  details: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

export const issue = (
  code: InputErrorCode,
  field: string | null = null,
  details: Record<string, string | number> = {},
): InputIssue => ({ code, field, details });
