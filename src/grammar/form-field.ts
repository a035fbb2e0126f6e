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
  kind: 'text' | 'multiline' | 'choice' | 'region';
  /** For 'choice': the values, each with an i18n label `choice.<key>.<value>`. */
  options?: readonly string[];
  /** The name the command's input issues give this field, where it is not the key (a contract's `method` is its payment method). */
  issueField?: string;
}

export const textField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'text' });
export const wordsField = <K extends string>(key: K): FormField<K> => ({ key, required: true, kind: 'text', positional: true });
export const multilineField = <K extends string>(key: K, required = false): FormField<K> => ({ key, required, kind: 'multiline' });
