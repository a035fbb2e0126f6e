import type { types } from '@slack/bolt';
import type { FormView } from '../../src/bot/face.ts';

/** The action of the button that opens, as a modal, a form a reply could not show (a message holds no modal). */
export const OPEN_FORM_ACTION = 'form:open';

/** Slack refuses a button value over 2,000 characters. */
const BUTTON_VALUE_MAX = 2000;

interface OpenFormValue {
  form: string;
  values: Record<string, string>;
}

/**
 * The button under a message whose reply was a form (a pasted company in
 * the DM, `lead` typed there): Slack opens a modal only with the trigger of
 * a person's action, so the press opens it, filled in as the reply was. The
 * values ride in the button; the longest are left out until it fits (each
 * left out stays empty in the modal, and the message above still shows it).
 */
export function openFormBlock(form: FormView, label: string): types.KnownBlock {
  const values: Record<string, string> = Object.fromEntries(form.fields.filter((f) => f.value !== undefined).map((f) => [f.key, f.value as string]));
  const encode = () => JSON.stringify({ form: form.name, values } satisfies OpenFormValue);
  while (encode().length > BUTTON_VALUE_MAX) {
    const longest = Object.keys(values).sort((a, b) => (values[b] as string).length - (values[a] as string).length)[0];
    if (longest === undefined) break;
    delete values[longest];
  }
  return {
    type: 'actions',
    elements: [{ type: 'button', action_id: OPEN_FORM_ACTION, style: 'primary', text: { type: 'plain_text', text: label, emoji: true }, value: encode() }],
  };
}

/** What a pressed open-form button carries; null for a value that is not one (the bot answers it as an unknown form). */
export function readOpenFormValue(value: string): OpenFormValue | null {
  try {
    const parsed = JSON.parse(value) as Partial<OpenFormValue>;
    if (typeof parsed.form !== 'string' || typeof parsed.values !== 'object' || parsed.values === null) return null;
    const values = Object.fromEntries(Object.entries(parsed.values).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { form: parsed.form, values };
  } catch {
    return null;
  }
}
