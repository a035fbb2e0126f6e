import type { Translate } from '../../src/i18n/translate.ts';
import { progressBar } from '../../src/views/format.ts';
import type { Block, FormFieldView, FormView, Tone, View } from '../../src/views/view.ts';

/** Feishu refuses a card over 30 KB; we stay under it with room for the envelope. */
export const CARD_MAX_BYTES = 28 * 1024;

type Element = Record<string, unknown>;

const TEMPLATE: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };

// What people typed is shown as plain_text: it is never read as markup.
const text = (content: string, extra: Element = {}): Element => ({ tag: 'div', text: { tag: 'plain_text', content, ...extra } });
const note = (content: string): Element => text(content, { text_size: 'notation', text_color: 'grey' });

/** The value a button carries back in `card.action.trigger`. */
export interface ButtonValue {
  cmd?: string;
  form?: string;
}

function elementsOf(block: Block): Element[] {
  switch (block.type) {
    case 'text':
      return [text(block.text)];
    case 'note':
      return [note(block.text)];
    case 'fields':
      return block.fields.map((f) => text(`${f.label}：${f.value}`));
    case 'progress':
      return [text(`${progressBar(block.current, block.target)} ${block.label}`)];
    case 'list':
      return [text(block.items.map((item) => `• ${item}`).join('\n'))];
    case 'actions':
      return block.buttons.map((b) => ({
        tag: 'button',
        text: { tag: 'plain_text', content: b.label },
        type: b.style === 'danger' ? 'danger' : b.style === 'primary' ? 'primary' : 'default',
        behaviors: [{ type: 'callback', value: { cmd: b.command } satisfies ButtonValue }],
      }));
    default: {
      const unknown: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

function formElements(form: FormView): Element[] {
  const fields = form.fields.flatMap((f) => [
    ...(f.error ? [text(`⚠ ${f.error}`, { text_color: 'red' })] : []),
    inputOf(f),
  ]);
  return [
    {
      tag: 'form',
      name: `form_${form.name}`,
      elements: [
        ...fields,
        {
          tag: 'button',
          name: 'submit',
          text: { tag: 'plain_text', content: form.submitLabel },
          type: 'primary',
          action_type: 'form_submit',
          behaviors: [{ type: 'callback', value: { form: form.name } satisfies ButtonValue }],
        },
      ],
    },
  ];
}

function inputOf(field: FormFieldView): Element {
  const label = { tag: 'plain_text', content: field.label };
  if (field.kind === 'choice' && field.options?.length) {
    return {
      tag: 'select_static',
      name: field.key,
      required: field.required,
      placeholder: label,
      options: field.options.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value })),
      ...(field.value !== undefined && { initial_option: field.value }),
    };
  }
  return {
    tag: 'input',
    name: field.key,
    required: field.required,
    label,
    ...(field.kind === 'multiline' && { input_type: 'multiline_text', rows: 3 }),
    ...(field.value !== undefined && { default_value: field.value }),
  };
}

/** A View as a Feishu card (JSON 2.0), trimmed to the size Feishu accepts. */
export function renderCard(view: View, t: Translate): Record<string, unknown> {
  const elements = view.form ? formElements(view.form) : view.blocks.flatMap(elementsOf);
  const card = (body: Element[]) => ({
    schema: '2.0',
    config: { update_multi: true },
    ...(view.title && { header: { title: { tag: 'plain_text', content: view.title }, template: TEMPLATE[view.tone] } }),
    body: { elements: body },
  });
  let kept = elements;
  while (kept.length > 1 && Buffer.byteLength(JSON.stringify(card(kept))) > CARD_MAX_BYTES) {
    kept = kept.slice(0, Math.floor(kept.length * 0.8));
  }
  if (kept.length < elements.length) kept = [...kept, note(t('view.more', { count: elements.length - kept.length }))];
  return card(trimLongText(kept));
}

/** A single huge text element is cut rather than refused. */
function trimLongText(elements: Element[]): Element[] {
  return elements.map((e) => {
    const content = (e.text as { content?: string } | undefined)?.content;
    if (!content || Buffer.byteLength(content) <= CARD_MAX_BYTES / 2) return e;
    return { ...e, text: { ...(e.text as object), content: `${[...content].slice(0, 4000).join('')}…` } };
  });
}
