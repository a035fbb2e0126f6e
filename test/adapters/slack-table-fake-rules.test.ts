import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS as L, checkMessage, checkView } from '../fakes/slack-rules.ts';

const raw = (text: string) => ({ type: 'raw_text', text });
const row = (cells: number, text = 'x') => Array.from({ length: cells }, () => raw(text));
const table = (rows: unknown[][], extra: Record<string, unknown> = {}) => ({ type: 'table', rows, ...extra });
const rows = (count: number, cells = 3) => Array.from({ length: count }, () => row(cells));

/** Each row: a message's blocks, and Slack's answer (null: accepted). Exactly at a limit passes; one over is refused. */
const messages: [string, string | null, unknown[]][] = [
  ['a table of raw_text cells with column settings', null, [table(rows(3), { column_settings: [{ align: 'left', is_wrapped: true }, { align: 'right' }, null] })]],
  ['a table of 100 rows', null, [table(rows(L.tableRows))]],
  ['a table of 101 rows', 'invalid_blocks', [table(rows(L.tableRows + 1))]],
  ['a row of 20 cells', null, [table([row(L.tableCells)])]],
  ['a row of 21 cells', 'invalid_blocks', [table([row(L.tableCells + 1)])]],
  ['rows of uneven length', 'invalid_blocks', [table([row(3), row(2)])]],
  ['a table without rows', 'invalid_blocks', [table([])]],
  ['an empty row', 'invalid_blocks', [table([[]])]],
  ['a cell of 2000 characters', null, [table([[raw('a'.repeat(L.tableCellText))]])]],
  ['a cell of 2001 characters', 'invalid_blocks', [table([[raw('a'.repeat(L.tableCellText + 1))]])]],
  ['an empty cell', 'invalid_blocks', [table([[raw('')]])]],
  ['a cell that is a bare string', 'invalid_blocks', [table([['x']])]],
  ['a mrkdwn cell', 'invalid_blocks', [table([[{ type: 'mrkdwn', text: 'x' }]])]],
  ['a raw_text cell with an unknown property', 'invalid_blocks', [table([[{ ...raw('x'), emoji: true }]])]],
  ['a rich_text cell', null, [table([[{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'x' }] }] }]])]],
  ['an align Slack does not know', 'invalid_blocks', [table(rows(1), { column_settings: [{ align: 'justify' }] })]],
  ['21 column settings', 'invalid_blocks', [table(rows(1), { column_settings: Array.from({ length: 21 }, () => ({ align: 'left' })) })]],
  ['an unknown table property', 'invalid_blocks', [table(rows(1), { header: true })]],
  ['two tables in one message (only_one_table_allowed)', 'invalid_blocks', [table(rows(1)), table(rows(1))]],
];

describe('the strict fake Slack on table blocks', () => {
  it.each(messages)('a message with %s is answered %s', (_name, error, blocks) => {
    expect(checkMessage({ blocks })?.error ?? null).toBe(error);
  });

  it('names the rule a refused table breaks', () => {
    expect(checkMessage({ blocks: [table(rows(1)), table(rows(1))] })?.why).toContain('only_one_table_allowed');
    expect(checkMessage({ blocks: [table(rows(L.tableRows + 1))] })?.why).toContain('more than 100 rows');
  });

  it('refuses a table in a modal or the Home tab', () => {
    expect(checkView({ type: 'home', blocks: [table(rows(1))] }, 'views.publish')?.error).toBe('invalid_arguments');
  });
});
