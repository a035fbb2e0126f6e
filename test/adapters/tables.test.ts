import { describe, expect, it } from 'vitest';
import { textWidth } from '../../adapters/console/text-width.ts';
import { renderText } from '../../adapters/console/render-text.ts';
import { renderCard } from '../../adapters/feishu/card.ts';
import { FEISHU_TABLE } from '../../adapters/feishu/table-element.ts';
import { LIMITS, renderBlocks } from '../../adapters/slack/block-kit.ts';
import { EMPTY_CELL, TABLE_LIMITS } from '../../adapters/slack/table-block.ts';
import { translator } from '../../src/i18n/translate.ts';
import { PAGE_SIZE } from '../../src/views/paging.ts';
import type { TableBlock, View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage, checkView } from '../fakes/slack-rules.ts';

const t = translator('zh-CN');
const table = (rows: string[][]): TableBlock => ({
  type: 'table',
  columns: [{ label: '姓名' }, { label: '销售额', align: 'right' }, { label: '备注' }],
  rows,
});
const view = (...blocks: View['blocks']): View => ({ tone: 'info', title: '团队业绩', blocks });
const people = (count: number, name = (i: number) => `销售${i}号`) => Array.from({ length: count }, (_, i) => [name(i + 1), `¥${(i + 1) * 1000}`, i % 2 ? '' : '备注']);

describe('a table on Slack', () => {
  it('is one table block: the headings as its first row, raw_text cells, the columns aligned, an empty cell shown as a dash', () => {
    const { blocks } = renderBlocks(view(table([['张三', '¥1,000', '']])), t);
    expect(checkMessage({ blocks })).toBeNull();
    expect(blocks.filter((b) => b.type === 'table')).toEqual([
      {
        type: 'table',
        column_settings: [
          { align: 'left', is_wrapped: true },
          { align: 'right', is_wrapped: true },
          { align: 'left', is_wrapped: true },
        ],
        rows: [
          [{ type: 'raw_text', text: '姓名' }, { type: 'raw_text', text: '销售额' }, { type: 'raw_text', text: '备注' }],
          [{ type: 'raw_text', text: '张三' }, { type: 'raw_text', text: '¥1,000' }, { type: 'raw_text', text: EMPTY_CELL }],
        ],
      },
    ]);
  });

  it('shows a second table of the message as lines, since Slack takes one table a message', () => {
    const { blocks } = renderBlocks(view(table([['张三', '¥1', 'a']]), table([['李四', '¥2', 'b']])), t);
    expect(checkMessage({ blocks })).toBeNull();
    expect(blocks.filter((b) => b.type === 'table')).toHaveLength(1);
    expect(JSON.stringify(blocks)).toContain('李四 · ¥2 · b');
  });

  it('shows a table of 21 columns as lines rather than lose a column', () => {
    const wide: TableBlock = { type: 'table', columns: Array.from({ length: TABLE_LIMITS.columns + 1 }, (_, i) => ({ label: `列${i + 1}` })), rows: [Array.from({ length: TABLE_LIMITS.columns + 1 }, (_, i) => `值${i + 1}`)] };
    const { blocks } = renderBlocks(view(wide), t);
    expect(checkMessage({ blocks })).toBeNull();
    expect(blocks.some((b) => b.type === 'table')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('值20 · 值21');
  });

  it('shows a table as lines in a modal or the Home tab, where Slack has no table', () => {
    const { blocks } = renderBlocks(view(table([['张三', '¥1', '']])), t, LIMITS.surfaceBlocks);
    expect(blocks.some((b) => b.type === 'table')).toBe(false);
    expect(checkView({ type: 'home', blocks }, 'views.publish')).toBeNull();
    expect(JSON.stringify(blocks)).toContain('姓名 · 销售额 · 备注');
    expect(JSON.stringify(blocks)).toContain('张三 · ¥1');
  });

  it('holds 99 rows under its headings and says how many more there are, never cutting silently', () => {
    const { blocks } = renderBlocks(view(table(people(150))), t);
    expect(checkMessage({ blocks })).toBeNull();
    const shown = blocks.find((b) => b.type === 'table') as any;
    expect(shown.rows).toHaveLength(TABLE_LIMITS.rows);
    expect(JSON.stringify(blocks)).toContain(t('view.more', { count: 150 - (TABLE_LIMITS.rows - 1) }));
  });

  it('keeps a cell of the longest name whole and shortens one past its limit with an ellipsis', () => {
    const longest = '欧'.repeat(TABLE_LIMITS.cellText);
    const { blocks } = renderBlocks(view(table([[longest, '¥1', '欧'.repeat(TABLE_LIMITS.cellText + 1)]])), t);
    expect(checkMessage({ blocks })).toBeNull();
    const [, cells] = (blocks.find((b) => b.type === 'table') as any).rows;
    expect(cells[0].text).toBe(longest);
    expect([...cells[2].text]).toHaveLength(TABLE_LIMITS.cellText);
    expect(cells[2].text.endsWith('…')).toBe(true);
  });
});

describe('a table on Feishu', () => {
  it('is one table component at the root: a text column per heading, a row object per row, every row on the client\'s pages', () => {
    const card = renderCard(view(table([['张三', '¥1,000', '']])), t) as any;
    expect(checkCard(card)).toBeNull();
    const [element] = card.body.elements.filter((e: any) => e.tag === 'table');
    expect(element.columns).toEqual([
      { name: 'c0', display_name: '姓名', data_type: 'text', horizontal_align: 'left', width: 'auto' },
      { name: 'c1', display_name: '销售额', data_type: 'text', horizontal_align: 'right', width: 'auto' },
      { name: 'c2', display_name: '备注', data_type: 'text', horizontal_align: 'left', width: 'auto' },
    ]);
    expect(element.rows).toEqual([{ c0: '张三', c1: '¥1,000', c2: '' }]);
    expect(element.page_size).toBe(1);
  });

  it('shows a page of the views (ten rows) on one page of the table', () => {
    const card = renderCard(view(table(people(PAGE_SIZE))), t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.find((e: any) => e.tag === 'table').page_size).toBe(PAGE_SIZE);
  });

  it('shows a sixth table of a card as lines, since a card holds five', () => {
    const card = renderCard(view(...Array.from({ length: 6 }, (_, i) => table([[`第${i + 1}人`, '¥1', '']]))), t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.filter((e: any) => e.tag === 'table')).toHaveLength(FEISHU_TABLE.tablesPerCard);
    expect(JSON.stringify(card)).toContain('第6人 · ¥1');
  });

  it('shows a table of 51 columns as lines rather than have Feishu hide a column', () => {
    const wide: TableBlock = { type: 'table', columns: Array.from({ length: FEISHU_TABLE.columns + 1 }, (_, i) => ({ label: `列${i + 1}` })), rows: [Array.from({ length: FEISHU_TABLE.columns + 1 }, (_, i) => `值${i + 1}`)] };
    const card = renderCard(view(wide), t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.some((e: any) => e.tag === 'table')).toBe(false);
    expect(JSON.stringify(card)).toContain('值50 · 值51');
  });

  it('fits a card with ten rows of the longest names, shortening the longest cells with an ellipsis only as far as the card needs', () => {
    const long = '欧'.repeat(FEISHU_TABLE.cellText);
    const card = renderCard(view(table(Array.from({ length: PAGE_SIZE }, (_, i) => [`${i}${long}`, long, long]))), t) as any;
    expect(checkCard(card)).toBeNull();
    const rows = card.body.elements.find((e: any) => e.tag === 'table').rows;
    expect(rows).toHaveLength(PAGE_SIZE);
    expect(rows.every((r: any) => r.c0.endsWith('…') && r.c0.startsWith(`${rows.indexOf(r)}欧`))).toBe(true);
  });

  it('keeps every cell whole for ten rows of names as long as the default policy allows (a company of 100 characters, a subject of 200)', () => {
    const company = '公'.repeat(100);
    const subject = '展'.repeat(200);
    const card = renderCard(view(table(Array.from({ length: PAGE_SIZE }, () => [company, '¥99,999,999,999', subject]))), t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.find((e: any) => e.tag === 'table').rows.every((r: any) => r.c0 === company && r.c2 === subject)).toBe(true);
  });
});

describe('a table in the console', () => {
  const lines = (rows: string[][]) => renderText(view(table(rows))).split('\n').slice(1);

  it('lines its columns up by terminal width, a Chinese character taking two columns', () => {
    const shown = lines([
      ['欧阳娜娜', '¥1', 'a'],
      ['Bob', '¥100,000', '备注很长'],
    ]);
    expect(shown).toHaveLength(4);
    // The third column starts at the same terminal column on every line: headings, rule and rows.
    const starts = shown.map((line) => textWidth(line.slice(0, line.search(/(备注|a$|-+$)/))));
    expect(new Set(starts).size).toBe(1);
    // The right-aligned amounts end at the same terminal column.
    const amountEnds = [shown[2]!, shown[3]!].map((line) => textWidth(line.slice(0, line.indexOf('¥')) + line.slice(line.indexOf('¥')).split(' ')[0]));
    expect(amountEnds[0]).toBe(amountEnds[1]);
  });

  it('measures wide and narrow characters', () => {
    expect(textWidth('张三')).toBe(4);
    expect(textWidth('Bob')).toBe(3);
    expect(textWidth('（代 李四 审批）')).toBe(16);
    expect(textWidth('✅ 达标')).toBe(7);
    expect(textWidth('e\u0301')).toBe(1);
  });
});

describe('the page size of the tabled lists', () => {
  it('fits one Slack table (under its headings) and one page of a Feishu table', () => {
    expect(PAGE_SIZE).toBeLessThanOrEqual(TABLE_LIMITS.rows - 1);
    expect(PAGE_SIZE).toBeLessThanOrEqual(FEISHU_TABLE.maxPageSize);
  });
});
