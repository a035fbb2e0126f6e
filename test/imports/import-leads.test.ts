import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { csv, fileOf, QCC_HEADER, qccRow, xlsx } from './import-files.ts';

/**
 * `/import leads` end to end through the bot (bot.handleFile, as every
 * adapter hands a file over): each row by the rules of `/lead`, the summary,
 * the file of refused rows, on PGlite and on the real PostgreSQL.
 */

/** The summary's counts, in the order the view lists them. */
function counts(view: View) {
  const fields = view.blocks.find((b) => b.type === 'fields');
  if (!fields || fields.type !== 'fields') throw new Error(`no summary: ${JSON.stringify(view)}`);
  const [rows, saved, duplicate, fileDuplicate, region, invalid] = fields.fields.map((f) => Number(f.value));
  return { rows, saved, duplicate, fileDuplicate, region, invalid };
}

/** The refused rows' file as rows of cells (it is ours: every cell quoted, CRLF). */
function refusedRows(view: View): string[][] {
  const raw = view.file?.content ?? '';
  const content = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw);
  expect(content.startsWith('\uFEFF')).toBe(true);
  return content
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/gu)].map((m) => (m[1] ?? '').replace(/""/gu, '"')));
}

const IMPORT = '/import leads';

describe.each(backends)('importing leads on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  const ownersOf = (normPrefix: string) =>
    f.database.db.selectFrom('companies').select(['name', 'owner_id']).where('norm_name', 'like', `${normPrefix}%`).orderBy('id').execute();

  it('reports every row by the rules of /lead: saved, owned with its owner named, a duplicate inside the file, another region, an invalid field, a missing contact', async () => {
    await reportLead(f.deps, f.as('zhaoliu'), {
      company: '杭州导入已有科技有限公司', contactName: '李工', phone: '+8613900009999', email: null, size: '50人', position: '一般', region: null, creditCode: null, source: null,
    });
    const file = csv([
      ['企查查导出 2026-11-26'],
      QCC_HEADER,
      qccRow('杭州导入甲科技有限公司', { phone: '13812340001；021-55550001', code: `91330100MA27XL0Q1${creditCodeCheckChar('91330100MA27XL0Q1')}` }),
      qccRow('杭州导入乙贸易有限公司', { email: 'Boss@Yi.Example' }),
      qccRow('杭州导入已有科技有限公司', { phone: '13812340003' }),
      qccRow('杭州导入甲科技', { phone: '13812340004' }),
      qccRow('杭州导入丙物流有限公司', { phone: '13812340005', region: '华南' }),
      qccRow('杭州导入丁机械有限公司', { phone: '12345' }),
      qccRow('=HYPERLINK("http://evil.example","杭州导入戊")', { phone: '13812340007', contact: '-' }),
    ]);
    const view = await f.bot.handleFile(f.as('zhangsan'), fileOf('企查查导出.csv', file), IMPORT);
    expect(counts(view)).toEqual({ rows: 7, saved: 2, duplicate: 1, fileDuplicate: 1, region: 1, invalid: 2 });

    // Saved for the importer, in the importer's region, with the first of the cell's phones; contacts sealed (SEC-1).
    expect(await ownersOf('杭州导入')).toEqual([
      { name: '杭州导入已有科技有限公司', owner_id: 'zhaoliu' },
      { name: '杭州导入甲科技有限公司', owner_id: 'zhangsan' },
      { name: '杭州导入乙贸易有限公司', owner_id: 'zhangsan' },
    ]);
    const contacts = JSON.stringify(await f.database.db.selectFrom('contacts').selectAll().execute());
    expect(contacts).not.toMatch(/13812340001|boss@yi/iu);

    const refused = refusedRows(view);
    expect(refused[0]).toEqual(['行号', ...QCC_HEADER, '原因']);
    const reasonOf = (line: number) => refused.find((r) => r[0] === String(line))?.at(-1) ?? '';
    expect(refused.map((r) => r[0])).toEqual(['行号', '5', '6', '7', '8', '9']);
    // LEAD-2 names the owner and region, never the owner's contact data.
    expect(reasonOf(5)).toContain('赵六');
    expect(reasonOf(5)).not.toContain('13900009999');
    expect(reasonOf(6)).toContain('第 3 行');
    expect(reasonOf(7)).toContain('华南');
    expect(reasonOf(8)).toContain('电话');
    expect(reasonOf(9)).toContain('联系人');
    // A cell a spreadsheet would run as a formula is written as text.
    expect(refused.find((r) => r[0] === '9')?.[1]).toBe('\'=HYPERLINK("http://evil.example","杭州导入戊")');
    expect(view.sensitive).toBe(true);
    expect(view.file?.name).toBe('企查查导出-refused.csv');
  });

  it('saves nothing twice when the same file is imported again: every row it saved is owned now', async () => {
    const file = fileOf('again.csv', csv([QCC_HEADER, qccRow('宁波重复导入一号有限公司', { phone: '13812341001' }), qccRow('宁波重复导入二号有限公司', { phone: '13812341002' })]));
    expect(counts(await f.bot.handleFile(f.as('zhangsan'), file, IMPORT))).toMatchObject({ rows: 2, saved: 2 });
    const again = await f.bot.handleFile(f.as('zhangsan'), file, IMPORT);
    expect(counts(again)).toMatchObject({ rows: 2, saved: 0, duplicate: 2 });
    expect(refusedRows(again).slice(1).every((r) => r.at(-1)?.includes('张三'))).toBe(true);
    expect(await ownersOf('宁波重复导入')).toHaveLength(2);
  });

  it('reads an .xlsx: English headers in another order, a number cell, a hyperlink cell', async () => {
    const book = await xlsx([
      ['Phone', 'Company Name', 'Contact', 'Staff Size', 'Position', 'E-mail'],
      [13812342001, '苏州表格导入一号有限公司', '陈工', '20-99人', '细分领域龙头', { text: 'sales@one.example', hyperlink: 'mailto:sales@one.example' }],
      ['', '苏州表格导入二号有限公司', '', '20人', '一般', ''],
    ]);
    const view = await f.bot.handleFile(f.as('zhangsan'), fileOf('leads.xlsx', book), IMPORT);
    expect(counts(view)).toMatchObject({ rows: 2, saved: 1, invalid: 1 });
    expect(refusedRows(view)[1]?.at(-1)).toMatch(/联系人/u);
  });

  it('lets a row race a /lead of the same company: one owner, the other refused naming them', async () => {
    for (let round = 0; round < 5; round++) {
      const company = `广州竞争导入${round}号有限公司`;
      const file = fileOf('race.csv', csv([QCC_HEADER, qccRow(`无关导入${round}号有限公司`, { phone: `1381235${round}001` }), qccRow(company, { phone: `1381235${round}002` })]));
      const [imported, typed] = await Promise.all([
        f.bot.handleFile(f.as('zhangsan'), file, IMPORT),
        f.bot.handleText(f.as('zhaoliu'), `/lead ${company} contact:刘工 phone:1381236${round}003 size:10人 position:一般`),
      ]);
      const owners = await ownersOf(`广州竞争导入${round}号`);
      expect(owners).toHaveLength(1);
      const winner = owners[0]?.owner_id;
      if (winner === 'zhangsan') expect(typed.refusal).toBe('company_owned');
      else expect(counts(imported)).toMatchObject({ saved: 1, duplicate: 1 });
    }
  });

  it('refuses the whole file for a role that may not report leads, before reading it', async () => {
    const view = await f.bot.handleFile(f.as('luming'), fileOf('x.csv', csv([QCC_HEADER, qccRow('法务导入有限公司', { phone: '13812349001' })])), IMPORT);
    expect(view.refusal).toBe('not_allowed');
    expect(await ownersOf('法务导入')).toHaveLength(0);
  });

  it('takes the file sent alone after the command, once; a file with no command waiting is asked about', async () => {
    const file = fileOf('later.csv', csv([QCC_HEADER, qccRow('稍后文件导入有限公司', { phone: '13812348001' })]));
    const ask = await f.bot.handleText(f.as('sunqi'), '/导入 线索');
    expect(ask.blocks[0]).toMatchObject({ type: 'text' });
    expect(counts(await f.bot.handleFile(f.as('sunqi'), file, null))).toMatchObject({ saved: 1 });
    const alone = await f.bot.handleFile(f.as('sunqi'), file, null);
    expect(JSON.stringify(alone)).toContain('/导入 线索');
    expect(alone.file).toBeUndefined();
  });
});
