import type { types } from '@slack/bolt';
import type { TableBlock } from '../../src/bot/face.ts';

/**
 * Block Kit's table block (docs.slack.dev, "Table block"): rows of cells,
 * the first row our headings; at most 100 rows and 20 cells a row; a
 * `raw_text` cell holds at least one character; at most 20 column settings
 * (align left, center or right; is_wrapped). Slack takes one table a message
 * (`only_one_table_allowed`) and shows it at the bottom of the message.
 */
export const TABLE_LIMITS = {
  rows: 100,
  columns: 20,
  /**
   * Characters we put in one cell. Slack's reference names no number; one
   * public Block Kit library clamps cells at 2,000. We stay far below it: a
   * company name is at most 100 characters by default, a subject 200.
   */
  cellText: 500,
} as const;

/** What stands in an empty cell: Slack refuses a raw_text cell of no characters. */
export const EMPTY_CELL = '–';

const cell = (text: string): types.RawTextElement => {
  const chars = [...text.trim()];
  const shown = chars.length > TABLE_LIMITS.cellText ? `${chars.slice(0, TABLE_LIMITS.cellText - 1).join('')}…` : chars.join('');
  return { type: 'raw_text', text: shown || EMPTY_CELL };
};

/**
 * The table as one Block Kit table block, within its limits, and how many of
 * its rows it had to leave out (said by the caller, never cut silently). The
 * views page their lists at 10 rows, far under Slack's 100.
 */
export function tableBlock(table: TableBlock): { block: types.TableBlock; left: number } {
  const columns = table.columns.slice(0, TABLE_LIMITS.columns);
  const body = table.rows.slice(0, TABLE_LIMITS.rows - 1);
  return {
    block: {
      type: 'table',
      column_settings: columns.map((c) => ({ align: c.align ?? 'left', is_wrapped: true })),
      rows: [columns.map((c) => cell(c.label)), ...body.map((row) => columns.map((_, i) => cell(row[i] ?? '')))],
    },
    left: table.rows.length - body.length,
  };
}
