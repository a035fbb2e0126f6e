import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessage } from '../fakes/feishu-events.ts';
import { slashCommand } from '../fakes/slack-signing.ts';
import { feishuFixture, VERIFICATION_TOKEN, type FeishuFixture } from '../support/feishu-fixture.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

/**
 * `/export` through the real SDKs against the fakes: the file reaches the
 * manager in a direct message (Feishu im/v1/files then a file message to
 * the open_id; Slack files upload into the DM), and a group or channel gets
 * a refusal and no file.
 */

async function firstSheet(bytes: Uint8Array): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function until<T>(what: string, get: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('exporting on Feishu', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
    await f.bot.handleText(f.as('zhangsan'), '/lead 飞书导出测试有限公司 contact:王工 phone:13812359001 size:50人 position:一般');
  });
  afterAll(() => f.close());

  it('sends the .xlsx to the manager as a file message, after uploading it with im/v1/files', async () => {
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), text: '导出 线索' }));
    const sent = await until('the export file', () => f.api.sentFiles()[0]);
    expect(sent).toMatchObject({ receiveId: f.openId('lisi'), receiveIdType: 'open_id', fileType: 'xls', fileName: '导出-线索-华东-2026-11.xlsx' });
    const rows = await firstSheet(sent.bytes);
    expect(rows[1]?.slice(1, 2)).toEqual(['飞书导出测试有限公司']);
    expect(rows[1]).toContain('+8613812359001');
  });

  it('refuses in a group chat, saying to ask in the one-to-one chat, and sends no file', async () => {
    const before = f.api.sentFiles().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), text: '@_user_1 导出 线索', chatType: 'group', mentions: [{ key: '@_user_1', name: 'bot' }] }));
    const reply = await until('the refusal', () => f.api.calls.filter((c) => c.path.endsWith('/reply')).find((c) => JSON.stringify(c.body.content).includes('单聊')));
    expect(reply).toBeDefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(f.api.sentFiles()).toHaveLength(before);
  });
});

describe('exporting on Slack', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
    await f.bot.handleText(f.as('zhangsan'), '/lead 斯莱克导出测试有限公司 contact:王工 phone:13812359002 size:50人 position:一般');
  });
  afterAll(() => f.close());

  it('uploads the file into the manager\'s DM for a slash command typed in a DM', async () => {
    await f.post(slashCommand({ command: '/export', text: 'leads format:csv', user_id: f.slackId('lisi'), channel_id: 'D_LISI' }));
    await f.api.waitFor('files.completeUploadExternal');
    const [shared] = f.api.completedUploads();
    expect(shared).toMatchObject({ filename: '导出-线索-华东-2026-11.csv', channel: `D_${f.slackId('lisi')}` });
    expect(shared?.text.startsWith('\uFEFF"录入日期"')).toBe(true);
    expect(shared?.text).toContain('斯莱克导出测试有限公司');
  });

  it('refuses a slash command typed in a channel, and uploads nothing', async () => {
    const before = f.api.callsOf('files.completeUploadExternal').length;
    const res = await f.post(slashCommand({ command: '/export', text: 'leads', user_id: f.slackId('lisi'), channel_id: 'C_GENERAL' }));
    expect(JSON.stringify(res.json)).toContain('私');
    await new Promise((r) => setTimeout(r, 200));
    expect(f.api.callsOf('files.completeUploadExternal')).toHaveLength(before);
  });
});
