import type { TableBlock } from '../../src/bot/face.ts';

/**
 * Feishu's table component in card JSON 2.0 (open.feishu.cn, "卡片 JSON 2.0 ·
 * 表格"): `columns` (each a `name` key, a `display_name`, a `data_type`,
 * alignment and width) and `rows` of `{ name: value }` objects; the client
 * shows `page_size` rows at a time (1 to 10) with its own page arrows; at most
 * 50 columns; at most five tables in one card; a table sits at the root of
 * the body only (never in a form or a column). A cell too wide for its column
 * ends in an ellipsis on screen and opens in full on a tap.
 */
export const FEISHU_TABLE = {
  tablesPerCard: 5,
  columns: 50,
  maxPageSize: 10,
  /**
   * Bytes the cells of one table may take, so that a page of the longest names
   * still leaves the card (30 KB in all, 28 KB by our reckoning) room for its
   * header, buttons and page line. Above it the longest cells are shortened
   * (with an ellipsis) until the table fits: none is under the default policy.
   */
  cellBytes: 16 * 1024,
  /** Characters one cell holds at most, whatever the room. */
  cellText: 500,
} as const;

type Element = Record<string, unknown>;

const shorten = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
};

/** The widest a cell may be, in characters, for all of them to take at most `budget` bytes. */
function cellCap(cells: string[], budget: number): number {
  const bytesAt = (cap: number) => cells.reduce((n, cell) => n + Buffer.byteLength(shorten(cell, cap)), 0);
  if (bytesAt(FEISHU_TABLE.cellText) <= budget) return FEISHU_TABLE.cellText;
  let lo = 1;
  let hi = FEISHU_TABLE.cellText;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytesAt(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The table as one Feishu table component; every row, on as many of the client's own pages as it takes. */
export function tableElement(table: TableBlock): Element {
  const columns = table.columns.slice(0, FEISHU_TABLE.columns);
  const cap = cellCap(table.rows.flatMap((row) => columns.map((_, i) => row[i] ?? '')), FEISHU_TABLE.cellBytes);
  return {
    tag: 'table',
    page_size: Math.min(Math.max(table.rows.length, 1), FEISHU_TABLE.maxPageSize),
    header_style: { background_style: 'grey', bold: true, text_align: 'left' },
    columns: columns.map((c, i) => ({ name: `c${i}`, display_name: c.label, data_type: 'text', horizontal_align: c.align ?? 'left', width: 'auto' })),
    rows: table.rows.map((row) => Object.fromEntries(columns.map((_, i) => [`c${i}`, shorten(row[i] ?? '', cap)]))),
  };
}
