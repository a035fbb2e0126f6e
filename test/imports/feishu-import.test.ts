import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileMessage, textMessage } from '../fakes/feishu-events.ts';
import { FEISHU_MAX_UPLOAD_BYTES } from '../fakes/feishu-api.ts';
import { feishuFixture, VERIFICATION_TOKEN, type FeishuFixture } from '../support/feishu-fixture.ts';
import { backends, pgliteBackend } from '../support/test-database.ts';
import { csv, QCC_HEADER, qccRow } from './import-files.ts';

/**
 * `/导入 线索` on Feishu, with the real Lark SDK against the fake Open API:
 * the command in the one-to-one chat, then the spreadsheet as a `file`
 * message, downloaded with the tenant token (im.messageResource.get); the
 * refused rows come back as a file (im.file.create, then a `file` message).
 */

const cardText = (call: { body: any } | undefined) => JSON.stringify(call?.body?.content ?? null);
export const decodeCsv = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
/** Our CSV (every cell quoted, CRLF) back into rows. */
export const csvRows = (text: string): string[][] =>
  text.replace(/^\uFEFF/u, '').trimEnd().split('\r\n').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/gu)].map((m) => (m[1] ?? '').replace(/""/gu, '"')));

describe('importing leads on Feishu', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const say = (who: string, text: string) => f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId(who), text }));
  const sendFile = (who: string, name: string, bytes: Uint8Array, eventId?: string) =>
    f.deliver(fileMessage({ token: VERIFICATION_TOKEN, openId: f.openId(who), file: f.api.hostIncomingFile(name, bytes), ...(eventId ? { eventId } : {}) }));
  const replies = () => f.api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reply'));
  const waitForReplies = async (count: number) => {
    await f.api.waitForMessages(0);
    const deadline = Date.now() + 15_000;
    while (replies().length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} replies; calls: ${f.api.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return replies();
  };
  const waitForFiles = async (count: number) => {
    const deadline = Date.now() + 15_000;
    while (f.api.sentFiles().length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} file messages`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return f.api.sentFiles();
  };

  it('asks for the file after the command, imports the file message sent next, and sends the refused rows back as a file', async () => {
    await say('zhangsan', '导入 线索');
    const [ask] = await waitForReplies(1);
    expect(cardText(ask)).toContain('作为文件发给我');
    const bytes = new TextEncoder().encode(csv([QCC_HEADER, qccRow('飞书导入一号有限公司', { phone: '13812347001' }), qccRow('飞书导入二号有限公司', { phone: '13812347002', contact: '' })]));
    await sendFile('zhangsan', 'leads.csv', bytes);
    const [, summary] = await waitForReplies(2);
    expect(cardText(summary)).toContain('导入完成');
    // Downloaded as a file resource of that message, with the tenant token.
    const download = f.api.calls.find((c) => c.path.includes('/resources/'));
    expect(download?.query).toEqual({ type: 'file' });
    const [sent] = await waitForFiles(1);
    expect(sent).toMatchObject({ receiveId: f.openId('zhangsan'), receiveIdType: 'open_id', fileName: 'leads-refused.csv', fileType: 'stream' });
    const rows = csvRows(decodeCsv(sent!.bytes));
    expect(rows.map((r) => r[1])).toEqual(['企业名称', '飞书导入二号有限公司']);
    const saved = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', 'like', '飞书导入%').execute();
    expect(saved).toEqual([{ owner_id: 'zhangsan' }]);
  });

  it('does not read past the limit: a file larger than 2 MB is refused by its size, and nothing is saved', async () => {
    const before = replies().length;
    await say('zhangsan', '/import leads');
    await waitForReplies(before + 1);
    const big = new TextEncoder().encode(csv([QCC_HEADER, qccRow('飞书超大文件有限公司', { phone: '13812347101' }), ['x'.repeat(2 * 1024 * 1024)]]));
    await sendFile('zhangsan', 'big.csv', big);
    const all = await waitForReplies(before + 2);
    expect(cardText(all.at(-1))).toContain('2 MB');
    expect(await f.database.db.selectFrom('companies').select('id').where('norm_name', 'like', '飞书超大文件%').execute()).toEqual([]);
  });

  it('a file with no command waiting is asked about; a file sent twice (same event) is imported once', async () => {
    const before = replies().length;
    await sendFile('sunqi', 'alone.csv', new TextEncoder().encode(csv([QCC_HEADER, qccRow('飞书无命令有限公司', { phone: '13812347201' })])));
    const all = await waitForReplies(before + 1);
    expect(cardText(all.at(-1))).toContain('/导入 线索');
    await say('sunqi', '导入 线索');
    await waitForReplies(before + 2);
    const event = fileMessage({ token: VERIFICATION_TOKEN, openId: f.openId('sunqi'), file: f.api.hostIncomingFile('twice.csv', new TextEncoder().encode(csv([QCC_HEADER, qccRow('飞书两次送达有限公司', { phone: '13812347202' })]))), eventId: 'ev_file_twice' });
    await f.deliver(event);
    await waitForReplies(before + 3);
    await f.deliver(event);
    await new Promise((r) => setTimeout(r, 300));
    expect(replies()).toHaveLength(before + 3);
    expect(await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', 'like', '飞书两次送达%').execute()).toEqual([{ owner_id: 'sunqi' }]);
  });

  it('the fake is strict: an unknown resource, a file message with a key never uploaded, an upload without its fields or over 30 MB are refused', async () => {
    const auth = { authorization: 'Bearer t-fake-token' };
    const unknown = await fetch(`${f.api.baseUrl}/open-apis/im/v1/messages/om_nope/resources/file_nope?type=file`, { headers: auth });
    expect(await unknown.json()).toMatchObject({ code: 234003 });
    const fileMsg = await fetch(`${f.api.baseUrl}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: 'ou_x', msg_type: 'file', content: JSON.stringify({ file_key: 'file_never_uploaded' }) }),
    });
    expect(fileMsg.status).toBe(400);
    const upload = async (fields: Record<string, string>, bytes: Uint8Array | null) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (bytes) form.append('file', new Blob([bytes]), 'x.bin');
      return (await fetch(`${f.api.baseUrl}/open-apis/im/v1/files`, { method: 'POST', headers: auth, body: form })).json();
    };
    expect(await upload({ file_name: 'a.csv' }, new Uint8Array([1]))).toMatchObject({ code: 234001 });
    expect(await upload({ file_type: 'stream' }, new Uint8Array([1]))).toMatchObject({ code: 234001 });
    expect(await upload({ file_type: 'stream', file_name: 'a.csv' }, null)).toMatchObject({ code: 234001 });
    expect(await upload({ file_type: 'stream', file_name: 'a.csv' }, new Uint8Array(FEISHU_MAX_UPLOAD_BYTES + 1))).toMatchObject({ code: 234001 });
    expect(await upload({ file_type: 'stream', file_name: 'a.csv' }, new Uint8Array(FEISHU_MAX_UPLOAD_BYTES))).toMatchObject({ code: 0 });
  });
});

/**
 * Issue 13's "done when": a manager imports a spreadsheet of 200 companies
 * on Feishu and gets the summary and the refused rows back. Made here: 140
 * new companies, 15 repeats of earlier rows, 20 owned already by another
 * salesperson, 15 of another region, 10 invalid (a phone too short, no contact).
 */
describe.each(backends)('a regional manager imports 200 companies from an .xlsx on Feishu, on $name', (backend) => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(backend);
  });
  afterAll(() => f.close());

  const CITIES = ['上海', '杭州', '苏州', '南京', '宁波', '无锡', '合肥', '常州', '嘉兴', '绍兴'];
  const BRANDS = ['华信', '恒瑞', '中科', '金桥', '新程', '博远', '瑞丰', '天成', '鼎盛', '远航', '宏达', '东升', '凯润', '盛元', '联创', '嘉禾', '华泰', '永丰', '海纳', '同创'];
  const TRADES = ['精密机械', '电子科技', '新材料', '物流', '包装材料', '环保科技', '智能装备', '化工', '医疗器械', '食品'];
  const company = (i: number) => `${CITIES[i % 10]}${BRANDS[Math.floor(i / 10) % 20]}${TRADES[(i + Math.floor(i / 100)) % 10]}有限公司`;
  const phone = (i: number) => `139${String(10_000_000 + i).padStart(8, '0')}`;

  it('gets a summary whose counts match the data, and a refused-rows file naming every refused row and why', async () => {
    // 20 companies already owned by 赵六 (华东 sales), reported before the import.
    const owned = Array.from({ length: 20 }, (_, k) => company(140 + k));
    for (const [k, name] of owned.entries()) {
      const said = await f.bot.handleText(f.as('zhaoliu'), `/lead ${name} contact:周工 phone:${phone(900 + k)} size:50人 position:一般`);
      expect(said.refusal).toBeUndefined();
    }
    const header = ['企业名称', '统一社会信用代码', '法定代表人', '联系人', '手机', '邮箱', '人员规模', '行业地位', '区域', '所属行业', '注册地址'];
    const rows: (string | number)[][] = [];
    const kind: string[] = [];
    const add = (what: string, row: (string | number)[]) => {
      kind.push(what);
      rows.push(row);
    };
    const row = (i: number, o: { contact?: string; phone?: string | number; region?: string } = {}) =>
      [company(i), '', '法人' + (i % 7), o.contact ?? '王经理', o.phone ?? Number(phone(i)), '', '100-499人', '区域龙头', o.region ?? '', '制造业', `${CITIES[i % 10]}市工业园区${i}号`];
    for (let i = 0; i < 140; i++) add('saved', row(i));
    for (let k = 0; k < 15; k++) add('file_duplicate', [...row(k * 9)].map((c, col) => (col === 4 ? Number(phone(500 + k)) : c)));
    for (const [k] of owned.entries()) add('owned', row(140 + k));
    for (let k = 0; k < 15; k++) add('region', row(160 + k, { region: '华南' }));
    for (let k = 0; k < 10; k++) add('invalid', k % 2 ? row(175 + k, { phone: '12345' }) : row(175 + k, { contact: '' }));
    expect(rows).toHaveLength(200);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('企业名单');
    sheet.addRow(['华东区重点企业名单（2026-11）']);
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(r);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), text: '/导入 线索' }));
    await f.deliver(fileMessage({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), file: f.api.hostIncomingFile('华东企业名单.xlsx', bytes) }));
    const deadline = Date.now() + 25_000;
    while (!f.api.sentFiles().length) {
      if (Date.now() > deadline) throw new Error('no refused-rows file came');
      await new Promise((r) => setTimeout(r, 50));
    }
    const summary = f.api.calls.filter((c) => c.path.endsWith('/reply')).at(-1);
    const fields = JSON.stringify(summary?.body?.content);
    expect(fields).toContain('导入完成：华东企业名单.xlsx');
    // The card's figures: rows, saved, owned, duplicates in the file, region, invalid.
    for (const [label, count] of [['行数', 200], ['已录入', 140], ['已有负责人（重复）', 20], ['文件内重复', 15], ['不属于你的区域', 15], ['内容有误', 10]] as const) {
      expect(fields).toMatch(new RegExp(`${label}[^0-9]{0,40}${count}\\b`, 'u'));
    }

    const saved = await f.database.db.selectFrom('companies').select(['name', 'owner_id']).where('owner_id', '=', 'lisi').execute();
    expect(saved.map((s) => s.name).sort()).toEqual(Array.from({ length: 140 }, (_, i) => company(i)).sort());

    const [file] = f.api.sentFiles();
    expect(file).toMatchObject({ receiveId: f.openId('lisi'), fileName: '华东企业名单-refused.csv' });
    const refused = csvRows(decodeCsv(file!.bytes));
    expect(refused[0]).toEqual(['行号', ...header, '原因']);
    // Line numbers are the sheet's: the title line, the header, then the rows.
    const expectedLines = kind.flatMap((k, i) => (k === 'saved' ? [] : [String(i + 3)]));
    expect(refused.slice(1).map((r) => r[0])).toEqual(expectedLines);
    const reasonOf = (what: string) => refused.slice(1).filter((_, n) => kind.filter((k) => k !== 'saved')[n] === what).map((r) => r.at(-1) ?? '');
    expect(reasonOf('owned').every((r) => r.includes('赵六'))).toBe(true);
    expect(reasonOf('file_duplicate').every((r) => /第 \d+ 行/u.test(r))).toBe(true);
    expect(reasonOf('region').every((r) => r.includes('华南'))).toBe(true);
    expect(reasonOf('invalid').every((r) => /电话|联系人/u.test(r))).toBe(true);
    // Every refused row's cells come back as they were sent.
    expect(refused.slice(1).map((r) => r[1])).toEqual(rows.filter((_, i) => kind[i] !== 'saved').map((r) => String(r[0])));
  });
});
