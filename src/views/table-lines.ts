import type { TableBlock } from './view.ts';

/** Between the cells of a row shown as one line. */
const SEPARATOR = ' · ';

/**
 * A table as lines, for a platform or place without tables (a second table in
 * a Slack message, a sixth in a Feishu card, a Slack modal or Home tab): the
 * headings once, then one line per row, its empty cells left out.
 */
export function tableLines(table: TableBlock): { heading: string; lines: string[] } {
  return {
    heading: table.columns.map((c) => c.label).join(SEPARATOR),
    lines: table.rows.map((row) => row.filter((cell) => cell !== '').join(SEPARATOR)),
  };
}
