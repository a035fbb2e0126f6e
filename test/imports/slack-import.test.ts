import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, slashCommand } from '../fakes/slack-signing.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { csv, QCC_HEADER, qccRow } from './import-files.ts';

/**
 * `/import leads` on Slack, with the real Bolt against the fake Web API: a
 * file shared in the DM with the command as its message (or alone after the
 * slash command) is downloaded with the bot token, imported, and the refused
 * rows are shared back through files.getUploadURLExternal → upload →
 * files.completeUploadExternal.
 */

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('importing leads on Slack', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const fileShare = (eventId: string, message: string, file: Record<string, unknown>) =>
    eventCallback(eventId, { type: 'message', subtype: 'file_share', channel_type: 'im', channel: 'D_ZHANG', user: f.slackId('zhangsan'), text: message, files: [file], ts: `${eventId.length}.1`, event_ts: '1.1' });

  it('imports a file shared in the DM with the command as its message, and shares the refused rows back', async () => {
    const bytes = new TextEncoder().encode(csv([QCC_HEADER, qccRow('斯莱克导入一号有限公司', { phone: '13812346001' }), qccRow('斯莱克导入二号有限公司', { phone: '13812346002', contact: '' })]));
    await f.post(fileShare('Ev_FILE_1', '/import leads', f.api.hostFile('leads.csv', bytes)));
    const [said] = await f.api.waitFor('chat.postMessage');
    expect(said!.args.channel).toBe('D_ZHANG');
    expect(text(said!.args.blocks)).toContain('导入完成');
    // Downloaded with the bot token (files:read).
    expect(f.api.callsOf('file.download')[0]?.args.authorization).toBe('Bearer xoxb-test');
    await f.api.waitFor('files.completeUploadExternal');
    const [shared] = f.api.completedUploads();
    expect(shared).toMatchObject({ filename: 'leads-refused.csv', channel: 'D_ZHANG' });
    expect(shared?.text.startsWith('\uFEFF"行号"')).toBe(true);
    expect(shared?.text).toContain('斯莱克导入二号有限公司');
    const saved = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', 'like', '斯莱克导入%').execute();
    expect(saved).toEqual([{ owner_id: 'zhangsan' }]);
  });

  it('asks for the file after the slash command, and imports the file shared alone in the DM next', async () => {
    const res = await f.post(slashCommand({ command: '/import', text: 'leads', user_id: f.slackId('zhangsan') }));
    expect(text(res.json)).toContain('私信');
    const bytes = new TextEncoder().encode(csv([QCC_HEADER, qccRow('斯莱克稍后导入有限公司', { phone: '13812346003' })]));
    const before = f.api.callsOf('chat.postMessage').length;
    await f.post(fileShare('Ev_FILE_2', '', f.api.hostFile('later.csv', bytes)));
    const said = await f.api.waitFor('chat.postMessage', before + 1);
    expect(text(said.at(-1)?.args.blocks)).toContain('导入完成');
    const saved = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', 'like', '斯莱克稍后导入%').execute();
    expect(saved).toEqual([{ owner_id: 'zhangsan' }]);
  });

  it('does not fetch a file larger than the limit, and says the limit', async () => {
    const before = f.api.callsOf('chat.postMessage').length;
    const downloads = f.api.callsOf('file.download').length;
    const big = { ...f.api.hostFile('big.xlsx', new Uint8Array(10)), size: 3 * 1024 * 1024 };
    await f.post(fileShare('Ev_FILE_3', '导入 线索', big));
    const said = await f.api.waitFor('chat.postMessage', before + 1);
    expect(text(said.at(-1)?.args.blocks)).toContain('2 MB');
    expect(f.api.callsOf('file.download')).toHaveLength(downloads);
  });

  it('the fake is strict: a download without the token gets the sign-in page; an upload is completed only once its bytes arrived', async () => {
    const file = f.api.hostFile('x.csv', new Uint8Array([1, 2, 3]));
    const page = await fetch(String(file.url_private_download));
    expect(page.headers.get('content-type')).toContain('text/html');
    const complete = await fetch(`${f.api.apiUrl}files.completeUploadExternal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ id: 'F_NOPE' }] }),
    });
    expect(await complete.json()).toMatchObject({ ok: false, error: 'file_not_found' });
    f.api.refused.splice(0);
  });
});
