import type { Translate } from '../../src/i18n/translate.ts';
import { progressBar } from '../../src/views/format.ts';
import type { Block, FormFieldView, FormView, TableBlock, Tone, View } from '../../src/bot/face.ts';
import { tableLines } from '../../src/views/table-lines.ts';
import { chartElement } from './chart-spec.ts';
import { FEISHU_TABLE, tableElement } from './table-element.ts';

/** Feishu refuses a card over 30 KB; we stay under it with room for the envelope. */
export const CARD_MAX_BYTES = 28 * 1024;
/**
 * Feishu refuses a card JSON 2.0 with more than 200 components. Counted as
 * every tagged object in the body, nested ones and text objects included:
 * the stricter reading, under which 34 approval rows (a text and two buttons
 * each) are 206 and refused.
 */
export const CARD_MAX_COMPONENTS = 200;
/** A list is cut into texts of about this many bytes, so a long one can be shown in part and the rest counted. */
const LIST_CHUNK_BYTES = 2000;

type Element = Record<string, unknown>;

const TEMPLATE: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };

// What people typed is shown as plain_text: it is never read as markup.
const text = (content: string, extra: Element = {}): Element => ({ tag: 'div', text: { tag: 'plain_text', content, ...extra } });
const note = (content: string): Element => text(content, { text_size: 'notation', text_color: 'grey' });

/** The value a button carries back in `card.action.trigger`. */
export interface ButtonValue {
  cmd?: string;
  form?: string;
  /** The overview card's Refresh button: the card is replaced by a fresh overview. */
  home?: 'refresh';
  /** A form's fields that are person pickers: they come back as open_ids, which the adapter reads as people of the directory. */
  people?: string[];
  /** A form's fields that are date pickers: they come back as `YYYY-MM-DD +0800`, of which the date is kept. */
  dates?: string[];
}

/**
 * A company select lists at most this many of the person's companies: each
 * option's text counts as a component toward the card's 200, and a form
 * holds other fields too. Fewer than the 100 a Slack list holds.
 */
export const FEISHU_COMPANY_OPTIONS = 50;
/** A person picker lists at most this many people of the directory (those with an open_id). */
export const FEISHU_PERSON_OPTIONS = 100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
      return listChunks(block.items).map((items) => text(items.map((item) => `• ${item}`).join('\n')));
    case 'actions':
      return block.buttons.map((b) => ({
        tag: 'button',
        text: { tag: 'plain_text', content: b.label },
        type: b.style === 'danger' ? 'danger' : b.style === 'primary' ? 'primary' : 'default',
        behaviors: [{ type: 'callback', value: { cmd: b.command } satisfies ButtonValue }],
      }));
    case 'table':
      return tableAsLines(block).flatMap((u) => u.elements);
    case 'chart':
      return [chartElement(block)];
    default: {
      const unknown: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/** A table past the five a card holds (or of more than 50 columns): its headings as a note, then a line a row. */
function tableAsLines(table: TableBlock): Unit[] {
  const { heading, lines } = tableLines(table);
  return [{ elements: [note(heading)], items: 0 }, ...listChunks(lines).map((items) => ({ elements: [text(items.map((item) => `• ${item}`).join('\n'))], items: items.length }))];
}

function formElements(form: FormView): Element[] {
  const fields = form.fields.flatMap((f) => [
    ...(f.error ? [text(`⚠ ${f.error}`, { text_color: 'red' })] : []),
    inputOf(f),
  ]);
  // A form's notes (what a paste read beside its fields) come above it, as plain text.
  return [
    ...(form.notes ?? []).map((n) => note(n)),
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
          // Card JSON 2.0: the button submits its form (1.0's `action_type: form_submit` is refused); Feishu sends
          // card.action.trigger with action.form_value (every input by name) and this button's callback value.
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: submitValue(form) }],
        },
      ],
    },
  ];
}

function submitValue(form: FormView): ButtonValue {
  const keys = (kind: FormFieldView['kind']) => form.fields.filter((f) => f.kind === kind).map((f) => f.key);
  const people = keys('person');
  const dates = keys('date');
  return { form: form.name, ...(people.length > 0 && { people }), ...(dates.length > 0 && { dates }) };
}

/** The pickers: date_picker for a date, select_person over the directory's open_ids for a person, a select of the person's companies for a company. */
function pickerOf(field: FormFieldView, label: Element): Element | null {
  switch (field.kind) {
    case 'date':
      // Feishu takes initial_date as yyyy-MM-dd; a value typed otherwise is shown again as no date, under its error.
      return { tag: 'date_picker', name: field.key, required: field.required, placeholder: label, ...(field.value && ISO_DATE.test(field.value) && { initial_date: field.value }) };
    case 'person': {
      const people = (field.options ?? []).filter((o) => o.platformIds?.feishu).slice(0, FEISHU_PERSON_OPTIONS);
      const id = field.value?.replace(/^[@＠]/u, '');
      const initial = people.find((o) => o.value === id)?.platformIds?.feishu;
      // Without options Feishu lists the chat's members: in a chat with the bot, only the person themself.
      return { tag: 'select_person', name: field.key, required: field.required, placeholder: label, options: people.map((o) => ({ value: o.platformIds?.feishu })), ...(initial && { initial_option: initial }) };
    }
    case 'company': {
      const names = (field.options ?? []).map((o) => o.value).slice(0, FEISHU_COMPANY_OPTIONS);
      // A company given before (shown again under its error) stays selected even when it is not among the first ones.
      if (field.value && !names.includes(field.value)) names.unshift(field.value);
      return {
        tag: 'select_static',
        name: field.key,
        required: field.required,
        placeholder: label,
        options: names.map((n) => ({ text: { tag: 'plain_text', content: n }, value: n })),
        ...(field.value && { initial_option: field.value }),
      };
    }
    default:
      return null;
  }
}

function inputOf(field: FormFieldView): Element {
  const label = { tag: 'plain_text', content: field.label };
  const picker = pickerOf(field, label);
  if (picker) return picker;
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

/** Items grouped into texts of at most LIST_CHUNK_BYTES (an item longer than that is a text of its own). */
function listChunks(items: string[]): string[][] {
  const chunks: string[][] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(item) + 3;
    const last = chunks.at(-1);
    if (last && bytes + size <= LIST_CHUNK_BYTES) {
      last.push(item);
      bytes += size;
    } else {
      chunks.push([item]);
      bytes = size;
    }
  }
  return chunks;
}

/** Every tagged object in a tree: how Feishu's component limit is counted here. */
export function componentCount(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + componentCount(x), 0);
  if (!node || typeof node !== 'object') return 0;
  const own = typeof (node as Element).tag === 'string' ? 1 : 0;
  return own + Object.values(node as Element).reduce((n: number, x) => n + componentCount(x), 0);
}

/** What one block shows, and how many things (list items, lines) it stands for when left out. */
interface Unit {
  elements: Element[];
  items: number;
}

function unitsOf(block: Block, tables: { left: number }): Unit[] {
  if (block.type === 'table') {
    // Past five tables, or past 50 columns (Feishu would hide the rest), a table is shown as lines, whole.
    if (block.columns.length <= FEISHU_TABLE.columns && tables.left-- > 0) return [{ elements: [tableElement(block)], items: block.rows.length }];
    return tableAsLines(block);
  }
  if (block.type === 'list') return listChunks(block.items).map((items) => ({ elements: [text(items.map((item) => `• ${item}`).join('\n'))], items: items.length }));
  return [{ elements: elementsOf(block).map(cutLongText), items: block.type === 'fields' ? block.fields.length : 1 }];
}

/**
 * A View as a Feishu card (JSON 2.0), within what Feishu accepts: 200
 * components and 30 KB. What does not fit is never dropped silently: the
 * card keeps what fits, in order, and ends with a line saying how much more
 * there is. (Long lists are paged by their views, so this is the last guard.)
 */
export function renderCard(view: View, t: Translate, tail: Element[] = []): Record<string, unknown> {
  // `tail` closes the card whatever is cut (the overview's Refresh button), so it is counted in every fit.
  const card = (body: Element[]) => ({
    schema: '2.0',
    config: { update_multi: true },
    ...(view.title && { header: { title: { tag: 'plain_text', content: view.title }, template: TEMPLATE[view.tone] } }),
    body: { elements: [...body, ...tail] },
  });
  if (view.form) {
    const full = card(formElements(view.form));
    if (Buffer.byteLength(JSON.stringify(full)) <= CARD_MAX_BYTES) return full;
    // Too big only with values the bot refused (each field reads at most 2,000 characters, valid ones far less):
    // those are shown empty, under the error that says what was wrong, so the card can still be sent.
    return card(formElements({ ...view.form, fields: view.form.fields.map((f) => (f.error ? { ...f, value: undefined } : f)) }));
  }
  const tables = { left: FEISHU_TABLE.tablesPerCard };
  const units = view.blocks.flatMap((block) => unitsOf(block, tables));
  const fits = (body: Element[]) => componentCount([...body, ...tail]) <= CARD_MAX_COMPONENTS && Buffer.byteLength(JSON.stringify(card(body))) <= CARD_MAX_BYTES;
  const all = units.flatMap((u) => u.elements);
  if (fits(all)) return card(all);
  // Room for the closing line: kept units plus the note must fit together.
  const more = (count: number) => note(t('view.more', { count }));
  const kept: Element[] = [];
  let left = units.reduce((n, u) => n + u.items, 0);
  for (const unit of units) {
    const next = [...kept, ...unit.elements];
    if (!fits([...next, more(left - unit.items)])) break;
    kept.push(...unit.elements);
    left -= unit.items;
  }
  return card([...kept, more(left)]);
}

/**
 * The overview (the person's first screen) as a card with a Refresh button:
 * pressing it replaces this card with a fresh overview instead of sending
 * another message.
 */
export function renderHomeCard(view: View, t: Translate): Record<string, unknown> {
  const refresh: Element = {
    tag: 'button',
    text: { tag: 'plain_text', content: t('button.refresh') },
    type: 'default',
    behaviors: [{ type: 'callback', value: { home: 'refresh' } satisfies ButtonValue }],
  };
  return renderCard(view, t, [refresh]);
}

/** A single huge text is cut to what a card can hold, marked with an ellipsis. */
function cutLongText(e: Element): Element {
  const content = (e.text as { content?: string } | undefined)?.content;
  if (!content || Buffer.byteLength(content) <= CARD_MAX_BYTES / 2) return e;
  return { ...e, text: { ...(e.text as object), content: `${[...content].slice(0, 4000).join('')}…` } };
}
