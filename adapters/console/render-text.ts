import { chartLines } from '../../src/views/chart-text.ts';
import { progressBar } from '../../src/views/format.ts';
import type { Block, Tone, View } from '../../src/bot/face.ts';
import { tableText } from './table-text.ts';

const TONE_MARK: Record<Tone, string> = { info: 'ℹ', success: '✔', warning: '⚠', danger: '✖' };

/** A View as terminal text; buttons become numbered choices. */
export function renderText(view: View): string {
  const lines: string[] = [];
  if (view.title) lines.push(`${TONE_MARK[view.tone]} ${view.title}`);
  view.blocks.forEach((block, i) => {
    const text = renderBlock(block);
    if (!view.title && i === 0) lines.push(`${TONE_MARK[view.tone]} ${text}`);
    else lines.push(text);
  });
  return lines.join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'note':
      return `  ${block.text}`;
    case 'fields':
      return block.fields.map((f) => `  ${f.label}: ${f.value}`).join('\n');
    case 'progress':
      return `  ${progressBar(block.current, block.target)} ${block.label}`;
    case 'list':
      return block.items.map((item) => `  • ${item}`).join('\n');
    case 'actions':
      return block.buttons.map((b, i) => `  [${i + 1}] ${b.label}`).join('   ');
    case 'table':
      return tableText(block);
    case 'chart':
      // No pictures in a terminal: the chart's figures, one line per category.
      return [`  ${block.title}`, ...chartLines(block).map((line) => `    ${line}`)].join('\n');
    default: {
      const unknown: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknown)}`);
    }
  }
}
