/**
 * One field of a form a command opens when it is given without its
 * arguments (Slack modal, Feishu form card, console prompts). Labels come
 * from i18n; this is only which field it is and whether it is required.
 */
export interface FormField<K extends string = string> {
  key: K;
  required: boolean;
  /** Written as the command's words (before any key), in this order: `/expense <amount> <purpose>`. */
  positional?: true;
  /**
   * 'date': a date picker (Slack datepicker, Feishu date_picker), read back as YYYY-MM-DD;
   * 'person': a person of the directory (Slack users_select, Feishu select_person), read back as `@id`;
   * 'company': one of the asking person's own companies (Slack external_select, Feishu a select), read back as its name.
   * Typed, each is what the command's grammar takes.
   */
  kind: 'text' | 'multiline' | 'choice' | 'region' | 'date' | 'person' | 'company';
  /** For 'choice': the values, each with an i18n label `choice.<key>.<value>`. */
  options?: readonly string[];
  /** The name the command's input issues give this field, where it is not the key (a contract's `method` is its payment method). */
  issueField?: string;
}

export const textField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'text' });
export const wordsField = <K extends string>(key: K): FormField<K> => ({ key, required: true, kind: 'text', positional: true });
export const multilineField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'multiline' });
export const dateField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'date' });
export const personField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'person' });
/** The company a command is about, written as the command's words (`/visit <company>`), picked from the person's own. */
export const companyField = <K extends string>(key: K): FormField<K> => ({ key, required: true, kind: 'company', positional: true });
