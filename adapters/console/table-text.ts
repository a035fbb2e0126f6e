import type { TableBlock } from '../../src/bot/face.ts';
import { textWidth } from './text-width.ts';

/** Between two columns. */
const GAP = '  ';

/** A cell padded to `width` terminal columns, on the side its column lines up. */
function pad(cell: string, width: number, align: TableBlock['columns'][number]['align']): string {
  const room = width - textWidth(cell);
  if (room <= 0) return cell;
  if (align === 'right') return ' '.repeat(room) + cell;
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + cell + ' '.repeat(Math.ceil(room / 2));
  return cell + ' '.repeat(room);
}

/**
 * A table as terminal text: the headings, a rule, then a line per row, each
 * column as wide as its widest cell measured in terminal columns (a Chinese
 * character takes two), so the columns line up in any terminal font that
 * draws CJK double width. A cell's line breaks become spaces: a row is one line.
 */
export function tableText(table: TableBlock): string {
  const oneLine = (cell: string) => cell.replace(/\s*\n\s*/g, ' ');
  const rows = table.rows.map((row) => table.columns.map((_, i) => oneLine(row[i] ?? '')));
  const headings = table.columns.map((c) => oneLine(c.label));
  const widths = headings.map((h, i) => Math.max(textWidth(h), ...rows.map((row) => textWidth(row[i]!))));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => pad(cell, widths[i]!, table.columns[i]!.align)).join(GAP)}`.trimEnd();
  return [line(headings), `  ${widths.map((w) => '-'.repeat(w)).join(GAP)}`, ...rows.map(line)].join('\n');
}
