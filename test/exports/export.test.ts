import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPORT_ROWS } from '../../src/core/exports/export-data.ts';
import type { Actor } from '../../src/core/ports.ts';
import { writeExport } from '../../src/views/export-file.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

/**
 * `/export` (SEC-2) through the bot: managers only, their region or all, in
 * a direct message only, contacts masked where the manager may not see them
 * (SEC-1), audited; the files opened back with exceljs (or read as CSV) and
 * compared cell by cell with the data; the row limit at its edge.
 */

async function sheetOf(view: View): Promise<unknown[][]> {
  const content = view.file?.content;
  if (!(content instanceof Uint8Array)) throw new Error(`no xlsx: ${JSON.stringify(view).slice(0, 300)}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(content) as never);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const csvRows = (text: string): string[][] =>
  text.replace(/^\uFEFF/u, '').trimEnd().split('\r\n').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/gu)].map((m) => (m[1] ?? '').replace(/""/gu, '"')));

const LEAD_HEADER = ['录入日期', '企业名称', '统一社会信用代码', '区域', '负责人', '录入人', '联系人', '电话', '邮箱', '人员规模', '行业地位', '来源'];

describe.each(backends)('exports on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const lead = async (who: string, text: string) => expect((await f.bot.handleText(f.as(who), `/lead ${text}`)).refusal).toBeUndefined();
    await lead('zhangsan', '上海导出一号科技有限公司 contact:王建国 phone:13812350001 email:wang@one.example size:100人 position:区域龙头 source:企查查');
    await lead('zhaoliu', '杭州导出二号贸易有限公司 contact:李娜 phone:13812350002 size:20人 position:一般');
    // Owned by the department manager: the regional manager of 华东 is not above him, so sees the contact masked.
    await lead('wangwu', '南京导出三号物流有限公司 contact:陈思远 phone:13812350003 size:50人 position:一般');
    await lead('wujiu', '广州导出四号电子有限公司 contact:赵敏 phone:13812350004 size:10人 position:一般');
  });
  afterAll(() => f.close());

  const asked = (id: string, conversation?: 'direct' | 'group'): Actor => ({ ...f.as(id), ...(conversation ? { conversation } : {}) });

  it("gives a regional manager their region's leads as an .xlsx that reads back cell by cell, contacts masked where SEC-1 says", async () => {
    const view = await f.bot.handleText(asked('lisi', 'direct'), '/导出 线索');
    expect(view.refusal).toBeUndefined();
    expect(view.file).toMatchObject({ name: '导出-线索-华东-2026-11.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(view.sensitive).toBe(true);
    const rows = await sheetOf(view);
    expect(rows).toEqual([
      LEAD_HEADER,
      ['2026-11-26', '上海导出一号科技有限公司', null, '华东', '张三', '张三', '王建国', '+8613812350001', 'wang@one.example', '100人', '区域龙头', '企查查'],
      ['2026-11-26', '杭州导出二号贸易有限公司', null, '华东', '赵六', '赵六', '李娜', '+8613812350002', null, '20人', '一般', null],
      ['2026-11-26', '南京导出三号物流有限公司', null, '华东', '王五', '王五', '陈**', '138****0003', null, '50人', '一般', null],
    ].map((r) => r.map((c) => c ?? undefined)).map((r) => { while (r.length && r.at(-1) === undefined) r.pop(); return r; }));
    expect(JSON.stringify(view.blocks)).toContain('3 行');
    expect(JSON.stringify(view.blocks)).toContain('1 行的联系人信息已按权限遮蔽');
  });

  it('gives the department manager every region, as a CSV with a BOM when asked, and audits each export with who, what and how many rows', async () => {
    const view = await f.bot.handleText(asked('wangwu'), '/export leads 2026-11 format:csv');
    const content = view.file?.content;
    expect(typeof content).toBe('string');
    expect(String(content).startsWith('\uFEFF"录入日期"')).toBe(true);
    const rows = csvRows(String(content));
    // A phone starts with + : written after an apostrophe, as every cell a spreadsheet would read as a formula.
    expect(rows.slice(1).map((r) => [r[1], r[3], r[7]])).toEqual([
      ['上海导出一号科技有限公司', '华东', "'+8613812350001"],
      ['杭州导出二号贸易有限公司', '华东', "'+8613812350002"],
      ['南京导出三号物流有限公司', '华东', "'+8613812350003"],
      ['广州导出四号电子有限公司', '华南', "'+8613812350004"],
    ]);
    const audit = await f.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject_id', 'details']).where('action', '=', 'export').orderBy('id').execute();
    expect(audit.at(-1)).toMatchObject({ actor_id: 'wangwu', subject_id: 'leads', details: { kind: 'leads', rows: 4, period: '2026-11', region: null, format: 'csv' } });
    expect(audit.some((a) => a.actor_id === 'lisi' && (a.details as { rows?: number }).rows === 3 && (a.details as { masked?: number }).masked === 1)).toBe(true);
  });

  it('refuses anyone but a manager, partners included, and a manager asking in a group; nothing is audited then', async () => {
    const before = await f.database.db.selectFrom('audit_log').select('id').where('action', '=', 'export').execute();
    for (const who of ['zhangsan', 'sunqi', 'xxads', 'qianhui', 'luming']) {
      const view = await f.bot.handleText(asked(who, 'direct'), '/export leads');
      expect(view.refusal, who).toBe('export_managers_only');
      expect(view.file).toBeUndefined();
    }
    const inGroup = await f.bot.handleText(asked('lisi', 'group'), '/export deals');
    expect(inGroup.refusal).toBe('export_direct_only');
    expect(JSON.stringify(inGroup.blocks)).toContain('私');
    expect(inGroup.file).toBeUndefined();
    const after = await f.database.db.selectFrom('audit_log').select('id').where('action', '=', 'export').execute();
    expect(after).toHaveLength(before.length);
  });

  it('reads the period and the format as /kpi and /goal write them, and says what is wrong otherwise', async () => {
    expect((await f.bot.handleText(asked('lisi'), '/export leads 2026Q3')).blocks[0]).toMatchObject({ text: expect.stringContaining('0 行') });
    const bad = await f.bot.handleText(asked('lisi'), '/export leads 明年');
    expect(bad.file).toBeUndefined();
    expect(JSON.stringify(bad.blocks)).toContain('2026-12');
    expect(JSON.stringify(await f.bot.handleText(asked('lisi'), '/export leads format:pdf'))).toContain('xlsx, csv');
    expect(JSON.stringify(await f.bot.handleText(asked('lisi'), '/export contracts'))).toContain('leads, clients, deals, kpi');
  });

  it('exports deals, clients and KPIs with their own columns', async () => {
    const deals = await sheetOf(await f.bot.handleText(asked('wangwu'), '/export deals'));
    expect(deals[0]).toEqual(['商机编号', '企业名称', '区域', '负责人', '阶段', '状态', '金额（元）', '创建日期', '关闭日期', '输单原因']);
    const clients = await sheetOf(await f.bot.handleText(asked('wangwu'), '/导出 客户'));
    expect(clients[0]?.[0]).toBe('企业名称');
    const kpi = await sheetOf(await f.bot.handleText(asked('lisi'), '/导出 业绩 2026Q4'));
    expect(kpi[0]).toEqual(['姓名', '区域', '季度', '销售额（元）', '销售目标（元）', '完成率（%）', '新客户数', '回款率（%）', '达标']);
    expect(kpi.slice(1).map((r) => r[0]).sort()).toEqual(['孙七', '张三', '赵六'].sort());
    expect(kpi.slice(1).every((r) => r[1] === '华东' && r[2] === '2026Q4')).toBe(true);
  });

  it(`takes ${MAX_EXPORT_ROWS} rows and refuses ${MAX_EXPORT_ROWS + 1}, naming the limit`, async () => {
    const insert = (from: number, to: number) => sql`
      with made as (
        insert into companies (name, norm_name, region, owner_id, size, position, created_at)
        select '北方批量' || n || '有限公司', '北方批量' || n, '华北', 'chener', '10人', '一般', now() from generate_series(${from}::int, ${to}::int) n
        returning id)
      insert into leads (company_id, reporter_id, work_date, reported_at) select id, 'chener', '2026-11-20', now() from made`.execute(f.database.db);
    await insert(1, MAX_EXPORT_ROWS);
    const full = await f.bot.handleText(asked('fengyi'), '/export leads format:csv');
    expect(full.refusal).toBeUndefined();
    expect(csvRows(String(full.file?.content))).toHaveLength(MAX_EXPORT_ROWS + 1);
    await insert(MAX_EXPORT_ROWS + 1, MAX_EXPORT_ROWS + 1);
    const over = await f.bot.handleText(asked('fengyi'), '/export leads format:csv');
    expect(over.refusal).toBe('export_too_many_rows');
    expect(JSON.stringify(over.blocks)).toContain(String(MAX_EXPORT_ROWS));
    expect(over.file).toBeUndefined();
  });
});

describe('the export file', () => {
  const t = translator('zh-CN');
  const table = {
    kind: 'leads' as const, region: '华东', period: '2026-11', masked: 0,
    columns: ['company', 'contact'] as const,
    rows: [['=HYPERLINK("http://evil.example","点我")', '+8613800000000'], ['@SUM(A1)', '-1+2'], ['华信科技有限公司', null]],
  };

  it('writes a CSV cell that starts with = + - @ after an apostrophe, so no formula runs', async () => {
    const file = await writeExport(t, table, 'csv');
    expect(csvRows(String(file.content))).toEqual([
      ['企业名称', '联系人'],
      ['\'=HYPERLINK("http://evil.example","点我")', "'+8613800000000"],
      ["'@SUM(A1)", "'-1+2"],
      ['华信科技有限公司', ''],
    ]);
  });

  it('writes an .xlsx whose text cells stay text, never formulas', async () => {
    const file = await writeExport(t, table, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.content as Uint8Array) as never);
    const cell = book.worksheets[0]!.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(book.worksheets[0]!.getCell('A3').value).toBe('@SUM(A1)');
  });
});
