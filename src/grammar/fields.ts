import { PERSON_ID_SOURCE } from '../core/people.ts';
import { issue, type InputIssue } from './issues.ts';

/**
 * Small checks the builders share. Each pushes its issues into the list it is
 * given and returns the cleaned value, so a builder reports every problem of
 * a command at once instead of one per round trip.
 */
const EMOJI = /\p{Extended_Pictographic}/u;

export interface TextRule {
  max: number;
  /** Names of people and companies have no emoji; notes may. */
  allowEmoji?: boolean;
}

export function optionalText(value: string | undefined, field: string, rule: TextRule, issues: InputIssue[]): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (!rule.allowEmoji && EMOJI.test(text)) issues.push(issue('emoji_not_allowed', field));
  const length = [...text].length;
  if (length > rule.max) issues.push(issue('too_long', field, { max: rule.max, length }));
  return text;
}

export function requiredText(value: string | undefined, field: string, rule: TextRule, issues: InputIssue[]): string {
  const text = optionalText(value, field, rule, issues);
  if (text === null) issues.push(issue('missing_field', field));
  return text ?? '';
}

/** Runs a value parser when a value was given, turning its refusal into an issue on `field`. */
export function optionalValue<T>(
  value: string | undefined,
  field: string,
  parse: (text: string) => { ok: true; value: T } | { ok: false; code: string },
  issues: InputIssue[],
): T | null {
  if (value === undefined) return null;
  const result = parse(value);
  if (result.ok) return result.value;
  issues.push(issue(result.code as InputIssue['code'], field, { value: value.slice(0, 40) }));
  return null;
}

/** One of a few words (e.g. phone/电话 → 'phone'), or a choice_invalid issue listing them. */
export function choice<T extends string>(
  value: string | undefined,
  field: string,
  words: Record<string, T>,
  issues: InputIssue[],
): T | null {
  if (value === undefined) return null;
  const found = words[value.trim().toLowerCase()];
  if (found === undefined) issues.push(issue('choice_invalid', field, { value: value.slice(0, 40), options: Object.keys(words).join(', ') }));
  return found ?? null;
}

export const parsed = <T>(value: T, issues: InputIssue[]) =>
  issues.length ? ({ ok: false, issues } as const) : ({ ok: true, value } as const);

const PERSON_REF = new RegExp(`^[@＠]?(${PERSON_ID_SOURCE})$`, 'i');

/** `@sunqi` or `sunqi` → 'sunqi'; anything else is a person_invalid issue on `field`. */
export function personRef(value: string | undefined, field: string, issues: InputIssue[]): string | null {
  if (value === undefined) return null;
  const id = PERSON_REF.exec(value.trim())?.[1];
  if (!id) issues.push(issue('person_invalid', field, { value: value.slice(0, 40) }));
  return id?.toLowerCase() ?? null;
}
