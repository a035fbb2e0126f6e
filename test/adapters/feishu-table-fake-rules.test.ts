import { describe, expect, it } from 'vitest';
import { FEISHU_LIMITS, checkCard } from '../fakes/feishu-card-rules.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });
const card = (elements: unknown[]) => ({ schema: '2.0', config: { update_multi: true }, header: { title: plain('T'), template: 'blue' }, body: { elements } });
const column = (name: string, extra: Record<string, unknown> = {}) => ({ name, display_name: name.toUpperCase(), data_type: 'text', ...extra });
const table = (extra: Record<string, unknown> = {}) => ({ tag: 'table', page_size: 5, columns: [column('a'), column('b')], rows: [{ a: '甲', b: '乙' }], ...extra });
const columns = (count: number) => Array.from({ length: count }, (_, i) => column(`c${i}`));

/** Each row: a card, and the code Feishu answers it with (null: accepted). Exactly at a limit passes; one over is refused. */
const cards: [string, number | null, unknown][] = [
  ['a table of text columns', null, card([table({ header_style: { background_style: 'grey', bold: true }, columns: [column('a', { horizontal_align: 'right', width: 'auto' }), column('b', { width: '120px' })] })])],
  ['five tables', null, card(Array.from({ length: FEISHU_LIMITS.tables }, () => table()))],
  ['six tables', 230099, card(Array.from({ length: FEISHU_LIMITS.tables + 1 }, () => table()))],
  ['page_size 10', null, card([table({ page_size: FEISHU_LIMITS.tablePageSize })])],
  ['page_size 11', 230099, card([table({ page_size: FEISHU_LIMITS.tablePageSize + 1 })])],
  ['page_size 0', 230099, card([table({ page_size: 0 })])],
  ['50 columns', null, card([table({ columns: columns(FEISHU_LIMITS.tableColumns), rows: [] })])],
  ['51 columns', 230099, card([table({ columns: columns(FEISHU_LIMITS.tableColumns + 1), rows: [] })])],
  ['no columns', 230099, card([table({ columns: [] })])],
  ['a column without a name', 230099, card([table({ columns: [{ display_name: 'A', data_type: 'text' }], rows: [] })])],
  ['two columns of one name', 230099, card([table({ columns: [column('a'), column('a')] })])],
  ['a data_type Feishu does not know', 230099, card([table({ columns: [column('a', { data_type: 'string' }), column('b')] })])],
  ['a column width under 80px', 230099, card([table({ columns: [column('a', { width: '79px' }), column('b')] })])],
  ['an unsupported column property', 230099, card([table({ columns: [column('a', { colour: 'red' }), column('b')] })])],
  ['an unsupported header_style property', 230099, card([table({ header_style: { colour: 'red' } })])],
  ['a row cell of no column', 230099, card([table({ rows: [{ a: '甲', z: '?' }] })])],
  ['a text cell that is not a string', 230099, card([table({ rows: [{ a: { text: '甲' }, b: '乙' }] })])],
  ['a row that is an array', 230099, card([table({ rows: [['甲', '乙']] })])],
  ['a table inside a column', 230099, card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [table()] }] }])],
  ['an unsupported table property', 230099, card([table({ caption: 'x' })])],
];

describe('the strict fake Feishu on table components', () => {
  it.each(cards)('%s is answered %s', (_name, code, sent) => {
    expect(checkCard(sent)?.code ?? null).toBe(code);
  });

  it('names the rule a refused table breaks', () => {
    expect(checkCard(card(Array.from({ length: 6 }, () => table())))?.msg).toContain('more than 5 tables');
    expect(checkCard(card([table({ rows: [{ a: '甲', z: '?' }] })]))?.msg).toContain('z is not a column');
  });
});
