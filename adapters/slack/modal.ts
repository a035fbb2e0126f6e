import type { types } from '@slack/bolt';
import { isFormName, MAX_MESSAGE_CHARS, type FormFieldView, type FormName, type FormView, type View } from '../../src/bot/face.ts';
import type { Translate } from '../../src/i18n/translate.ts';
import { LIMITS, cut, renderBlocks } from './block-kit.ts';

/** Modal titles and button labels are short in Slack: 24 characters. */
const MODAL_TEXT = 24;
const INPUT_ACTION = 'value';
/** The action_id of a company picker: Slack asks the bot for its options (block_suggestion) by it. */
export const COMPANY_ACTION = 'company';
/** Slack's option object: text up to 75 characters, value up to 150. */
const OPTION_TEXT = 75;
const OPTION_VALUE = 150;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const FORM_CALLBACK_PREFIX = 'form:';

/** Where to answer after the modal closes: the channel the command came from, if any. */
export interface ModalContext {
  channel: string | null;
}

export function formModal(form: FormView, context: ModalContext): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.name}`,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: cut(form.title, MODAL_TEXT) },
    submit: { type: 'plain_text', text: cut(form.submitLabel, MODAL_TEXT) },
    close: { type: 'plain_text', text: cut(form.cancelLabel, MODAL_TEXT) },
    blocks: [...(form.notes ?? []).map(noteBlock), ...form.fields.map(inputBlock)],
  };
}

/** A form's note above its fields: plain text, so nothing pasted is read as markup. */
const noteBlock = (note: string): types.KnownBlock => ({ type: 'context', elements: [{ type: 'plain_text', text: cut(note, 2000), emoji: false }] });
/** A company as an option of the company picker: its name is its value, so a name longer than an option value may hold is not offered. */
export function companyOption(name: string): types.PlainTextOption | null {
  return [...name].length > OPTION_VALUE ? null : { text: { type: 'plain_text', text: cut(name, OPTION_TEXT) }, value: name };
}

/** The pickers: a calendar for a date, Slack's member list for a person, the person's own companies (loaded as they type) for a company. */
function pickerElement(field: FormFieldView): types.InputBlockElement | null {
  switch (field.kind) {
    case 'date':
      // Slack refuses an initial_date that is not YYYY-MM-DD; a value typed otherwise is shown again as no date.
      return { type: 'datepicker', action_id: INPUT_ACTION, ...(field.value && ISO_DATE.test(field.value) && { initial_date: field.value }) };
    case 'person': {
      const id = field.value?.replace(/^[@＠]/u, '');
      const slackId = field.options?.find((o) => o.value === id)?.platformIds?.slack;
      return { type: 'users_select', action_id: INPUT_ACTION, ...(slackId && { initial_user: slackId }) };
    }
    case 'company': {
      const initial = field.value ? companyOption(field.value) : null;
      // min_query_length 0: the list opens with the person's companies before anything is typed (Slack's default waits for 3 characters).
      return { type: 'external_select', action_id: COMPANY_ACTION, min_query_length: 0, ...(initial && { initial_option: initial }) };
    }
    default:
      return null;
  }
}

function inputBlock(field: FormFieldView): types.InputBlock {
  const label = { type: 'plain_text' as const, text: cut(field.label, 2000) };
  const picker = pickerElement(field);
  if (picker) return { type: 'input', block_id: field.key, optional: !field.required, label, element: picker };
  if (field.kind === 'choice' && field.options?.length) {
    const options = field.options.slice(0, 100).map((o) => ({ text: { type: 'plain_text' as const, text: cut(o.label, 75) }, value: o.value }));
    const initial = options.find((o) => o.value === field.value);
    return {
      type: 'input',
      block_id: field.key,
      optional: !field.required,
      label,
      element: { type: 'static_select', action_id: INPUT_ACTION, options, ...(initial && { initial_option: initial }) },
    };
  }
  return {
    type: 'input',
    block_id: field.key,
    optional: !field.required,
    label,
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: field.kind === 'multiline',
      // As much as the bot reads from one field (MAX_MESSAGE_CHARS): a value shown again under its error always fits, and Slack refuses an initial_value over max_length.
      max_length: MAX_MESSAGE_CHARS,
      ...(field.value !== undefined && { initial_value: field.value }),
    },
  };
}

type StateValue = { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null; selected_user?: string | null };
type StateValues = Record<string, Record<string, StateValue>>;

/**
 * The values of a submitted modal, by field key, and the Slack user each
 * person picker holds, by field key: the adapter reads those as people of
 * the directory (`@id`) before the bot sees them.
 */
export function submittedValues(state: StateValues): { values: Record<string, string | undefined>; users: Record<string, string> } {
  const values: Record<string, string | undefined> = {};
  const users: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    // One element per block, by whichever action_id it has (a company picker's is COMPANY_ACTION).
    const input = actions[INPUT_ACTION] ?? actions[COMPANY_ACTION];
    if (input?.selected_user) users[blockId] = input.selected_user;
    values[blockId] = input?.selected_option?.value ?? input?.selected_date ?? input?.value ?? undefined;
  }
  return { values, users };
}

/** `response_action: errors` wants one message per block id, and every field is a block. */
export function fieldErrors(form: FormView): Record<string, string> {
  return Object.fromEntries(form.fields.filter((f) => f.error).map((f) => [f.key, cut(f.error as string, 2000)]));
}

export function formNameOf(callbackId: string): FormName | null {
  const name = callbackId.slice(FORM_CALLBACK_PREFIX.length);
  return callbackId.startsWith(FORM_CALLBACK_PREFIX) && isFormName(name) ? name : null;
}

export function modalContext(privateMetadata: string | undefined): ModalContext {
  try {
    const parsed = JSON.parse(privateMetadata ?? '{}') as Partial<ModalContext>;
    return { channel: typeof parsed.channel === 'string' ? parsed.channel : null };
  } catch {
    return { channel: null };
  }
}

/**
 * An answer that is no form, in a modal (a shortcut has no channel to answer
 * in, but its trigger opens a modal): the person who is not in the directory,
 * a message with no text to read. Closed with Slack's own Cancel.
 */
export function answerModal(view: View, t: Translate): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: cut(t('slack.answer_title'), MODAL_TEXT) },
    blocks: renderBlocks(view, t, LIMITS.surfaceBlocks).blocks,
  };
}
