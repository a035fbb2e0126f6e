import type { types } from '@slack/bolt';
import type { Translate } from '../../src/i18n/translate.ts';
import { chartLines } from '../../src/views/chart-text.ts';
import { progressBar } from '../../src/views/format.ts';
import type { Block, TableBlock, Tone, View } from '../../src/bot/face.ts';
import { tableLines } from '../../src/views/table-lines.ts';
import { openFormBlock } from './open-form.ts';
import { TABLE_LIMITS, tableBlock } from './table-block.ts';

type KnownBlock = types.KnownBlock;

/** Block Kit's limits; a reply is paged or trimmed to them, never refused by Slack. */
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  text: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerActions: 25,
  contextText: 3000,
} as const;

const TONE_EMOJI: Record<Tone, string> = { info: '', success: '✅ ', warning: '⚠️ ', danger: '⛔ ' };

/** mrkdwn treats &, < and > as markup: escaped, a company name can never mention @channel or a user. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const cut = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: cut(text, LIMITS.text) } });

/** Lines joined into as few sections as the text limit allows. */
function sections(lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let current = '';
  for (const line of lines.map((l) => cut(l, LIMITS.text))) {
    if (current && [...current].length + 1 + [...line].length > LIMITS.text) {
      out.push(section(current));
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return sections(escapeMrkdwn(block.text).split('\n'));
    case 'note':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeMrkdwn(block.text), LIMITS.contextText) }] }];
    case 'fields': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += LIMITS.fieldsPerSection) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + LIMITS.fieldsPerSection).map((f) => ({
            type: 'mrkdwn' as const,
            text: cut(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText),
          })),
        });
      }
      return out;
    }
    case 'progress':
      return [section(`\`${progressBar(block.current, block.target)}\`  *${escapeMrkdwn(block.label)}*`)];
    case 'list':
      return sections(block.items.map((item) => `• ${escapeMrkdwn(item)}`));
    case 'chart':
      // The figures as text, so the message reads whole on its own; the adapter uploads the chart's picture after it.
      return [section(`*${escapeMrkdwn(block.title)}*\n\`\`\`${escapeMrkdwn(chartLines(block).join('\n'))}\`\`\``)];
    case 'actions': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += LIMITS.buttonsPerActions) {
        out.push({
          type: 'actions',
          elements: block.buttons.slice(i, i + LIMITS.buttonsPerActions).map((b, j) => ({
            type: 'button' as const,
            action_id: `run:${i + j}`,
            text: { type: 'plain_text' as const, text: cut(b.label, LIMITS.buttonText), emoji: true },
            value: cut(b.command, LIMITS.buttonValue),
            ...(b.style && { style: b.style }),
          })),
        });
      }
      return out;
    }
    case 'table':
      return tableAsLines(block).map((u) => u.block);
    default: {
      const unknown: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/** A table where Slack shows none (a second one in a message, a modal, the Home tab): its headings as a context line, then a line a row. */
function tableAsLines(table: TableBlock): { block: KnownBlock; items: number }[] {
  const { heading, lines } = tableLines(table);
  return [{ block: { type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeMrkdwn(heading), LIMITS.contextText) }] }, items: 0 }, ...listUnits(lines)];
}

/** Lines of a list joined into sections, each section with the number of items it holds. */
function listUnits(items: string[]): { block: KnownBlock; items: number }[] {
  const out: { block: KnownBlock; items: number }[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of items.map((item) => cut(`• ${escapeMrkdwn(item)}`, LIMITS.text))) {
    const length = [...line].length;
    if (current.length && size + 1 + length > LIMITS.text) {
      out.push({ block: section(current.join('\n')), items: current.length });
      current = [];
      size = 0;
    }
    size += (current.length ? 1 : 0) + length;
    current.push(line);
  }
  if (current.length) out.push({ block: section(current.join('\n')), items: current.length });
  return out;
}

/**
 * A View as Block Kit, within `maxBlocks` (50 in a message, 100 in a modal
 * or the Home tab), with the fallback text notifications and screen readers use.
 * A message shows its first table as a table block (Slack takes one a message);
 * any other table, one of more than 20 columns, and every table of a modal or
 * the Home tab, is shown as lines.
 */
export function renderBlocks(
  view: View,
  t: Translate,
  maxBlocks: number = LIMITS.messageBlocks,
  surface: 'message' | 'view' = maxBlocks > LIMITS.messageBlocks ? 'view' : 'message',
): { blocks: KnownBlock[]; text: string } {
  const units: { block: KnownBlock; items: number }[] = [];
  if (view.title) {
    units.push({ block: { type: 'header', text: { type: 'plain_text', text: cut(`${TONE_EMOJI[view.tone]}${view.title}`, LIMITS.header), emoji: true } }, items: 0 });
  }
  let tables = surface === 'message' ? 1 : 0;
  for (const block of view.blocks) {
    if (block.type === 'list') units.push(...listUnits(block.items));
    // A table of more columns than Slack's 20 is shown as lines, whole, rather than losing columns.
    else if (block.type === 'table' && block.columns.length <= TABLE_LIMITS.columns && tables-- > 0) {
      const { block: table, left } = tableBlock(block);
      units.push({ block: table, items: block.rows.length - left });
      if (left) units.push({ block: { type: 'context', elements: [{ type: 'mrkdwn', text: t('view.more', { count: left }) }] }, items: 0 });
    } else if (block.type === 'table') units.push(...tableAsLines(block));
    else units.push(...renderBlock(block).map((b) => ({ block: b, items: 1 })));
  }
  const first = units[0]?.block;
  if (!view.title && first?.type === 'section' && first.text) {
    first.text.text = cut(`${TONE_EMOJI[view.tone]}${first.text.text}`, LIMITS.text);
  }
  // A form shown as a message (no modal without a person's trigger) ends with the button that opens it.
  if (!view.form) return { blocks: trimToLimit(units, t, maxBlocks), text: fallbackText(view) };
  return { blocks: [...trimToLimit(units, t, maxBlocks - 1), openFormBlock(view.form, t('form.open'))], text: fallbackText(view) };
}

/** Too many blocks: keep the start and say how many items (list lines, blocks) were left out — never cut silently. */
function trimToLimit(units: { block: KnownBlock; items: number }[], t: Translate, max: number): KnownBlock[] {
  if (units.length <= max) return units.map((u) => u.block);
  const kept = units.slice(0, max - 1);
  const left = units.slice(max - 1).reduce((n, u) => n + Math.max(u.items, 1), 0);
  return [...kept.map((u) => u.block), { type: 'context', elements: [{ type: 'mrkdwn', text: t('view.more', { count: left }) }] }];
}

function fallbackText(view: View): string {
  const first = view.blocks.find((b) => b.type === 'text' || b.type === 'note');
  const parts = [view.title, first && 'text' in first ? first.text : undefined].filter(Boolean);
  return cut(escapeMrkdwn(parts.join(' — ')) || ' ', LIMITS.text);
}
