import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, interactivity, slackSignature, slackTriggerId, slashCommand } from '../fakes/slack-signing.ts';
import { SIGNING_SECRET, slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
// Every text of a Block Kit message (a table's cells too), for asserting on what a person reads.
import { blockText } from '../contract/slack-driver.ts';

const LEAD = '杭州西湖电子有限公司 联系人:陈经理 电话:13512345678 规模:300人 行业地位:区域前三';


describe('Slack on the real Bolt', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it('answers a /lead slash command inline, ephemeral, with the progress', async () => {
    const res = await f.post(slashCommand({ command: '/lead', text: LEAD, user_id: f.slackId('zhangsan') }));
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    const text = blockText(res.json.blocks);
    expect(text).toContain('线索已保存');
    expect(text).toContain('今日进度 1/5');
    expect(res.json.blocks.find((b: any) => b.type === 'actions').elements[0]).toMatchObject({ type: 'button', value: '/leads today' });
  });

  it('refuses a colleague\'s report of the same company, naming the owner and no contact', async () => {
    const res = await f.post(slashCommand({ command: '/lead', text: LEAD.replace('有限公司', ''), user_id: f.slackId('zhaoliu') }));
    const text = blockText(res.json.blocks);
    expect(text).toContain('张三');
    expect(text).toContain('华东');
    expect(res.text).not.toMatch(/13512345678|陈经理/);
  });

  it('carries any command in any language through /crm', async () => {
    const res = await f.post(slashCommand({ command: '/crm', text: '今日线索', user_id: f.slackId('zhangsan') }));
    expect(blockText(res.json.blocks)).toContain('杭州西湖电子有限公司');
  });

  it('politely refuses someone who is not in the directory, storing nothing', async () => {
    const before = await f.database.db.selectFrom('companies').select('id').execute();
    const res = await f.post(slashCommand({ command: '/lead', text: '陌生公司 联系人:某 电话:13000000000 规模:1 行业地位:无', user_id: 'U_STRANGER' }));
    expect(blockText(res.json.blocks)).toContain('不在本部门的人员目录');
    expect(blockText(res.json.blocks)).toContain('你的Slack用户编号是 U_STRANGER');
    expect(await f.database.db.selectFrom('companies').select('id').execute()).toHaveLength(before.length);
  });

  it('rejects a forged signature and a stale timestamp with 401, changing nothing', async () => {
    const before = await f.database.db.selectFrom('companies').select('id').execute();
    const forged = await f.post(slashCommand({ command: '/lead', text: '伪造公司 联系人:某 电话:13000000001 规模:1 行业地位:无', user_id: f.slackId('zhangsan') }), { secret: 'wrong' });
    const stale = await f.post(slashCommand({ command: '/lead', text: '过期公司 联系人:某 电话:13000000002 规模:1 行业地位:无', user_id: f.slackId('zhangsan') }), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    const unsigned = await f.post(slashCommand({ command: '/lead', text: '无签名 联系人:某 电话:13000000003 规模:1 行业地位:无', user_id: f.slackId('zhangsan') }), { unsigned: true });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(await f.database.db.selectFrom('companies').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a body over the size limit before parsing it', async () => {
    const { body } = slashCommand({ command: '/lead', text: 'x'.repeat(200 * 1024), user_id: f.slackId('zhangsan') });
    // Its own connection: the server stops reading an oversized body and drops the socket.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: f.http.port, path: '/slack/events', method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, body) } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(413);
  });

  it('opens a modal for a command without its arguments, and answers field errors inline', async () => {
    const trigger = slackTriggerId();
    const res = await f.post(slashCommand({ command: '/lead', text: '', user_id: f.slackId('zhangsan'), trigger_id: trigger, channel_id: 'C_SALES' }));
    expect(res.status).toBe(200);
    const [open] = await f.api.waitFor('views.open');
    expect(open!.args.trigger_id).toBe(trigger);
    expect(open!.args.view).toMatchObject({ type: 'modal', callback_id: 'form:lead' });
    const blockIds = open!.args.view.blocks.map((b: any) => b.block_id);
    expect(blockIds).toEqual(['company', 'contact', 'phone', 'email', 'size', 'position', 'region', 'code', 'source']);

    const state = (values: Record<string, string>) =>
      Object.fromEntries(blockIds.map((id: string) => [id, { value: id === 'region' ? { type: 'static_select', selected_option: values[id] ? { value: values[id] } : null } : { type: 'plain_text_input', value: values[id] ?? null } }]));
    const submit = (values: Record<string, string>) =>
      f.post(
        interactivity({
          type: 'view_submission',
          user: { id: f.slackId('zhangsan') },
          view: { id: 'V1', callback_id: 'form:lead', private_metadata: open!.args.view.private_metadata, state: { values: state(values) } },
        }),
      );
    const bad = await submit({ company: '表单测试公司', contact: '周', phone: 'abc', size: '10人', position: '新锐' });
    expect(bad.json.response_action).toBe('errors');
    expect(Object.keys(bad.json.errors)).toEqual(['phone']);
    expect(bad.json.errors.phone).toContain('电话');

    const good = await submit({ company: '表单测试公司', contact: '周', phone: '13300001111', size: '10人', position: '新锐' });
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    const [posted] = await f.api.waitFor('chat.postEphemeral');
    expect(posted!.args).toMatchObject({ channel: 'C_SALES', user: f.slackId('zhangsan') });
    expect(blockText(posted!.args.blocks)).toContain('表单测试公司');
  });

  it('runs the command of a pressed button and answers through the response_url', async () => {
    const res = await f.post(
      interactivity({
        type: 'block_actions',
        user: { id: f.slackId('zhangsan') },
        trigger_id: slackTriggerId(),
        response_url: f.api.responseUrl('button-1'),
        channel: { id: 'C_SALES' },
        actions: [{ type: 'button', action_id: 'run:0', block_id: 'b', value: '/leads today', action_ts: '1' }],
      }),
    );
    expect(res.status).toBe(200);
    const [answer] = await f.api.waitFor('response_url');
    expect(answer!.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(answer!.args.blocks)).toContain('今日线索');
  });

  it('publishes the Home tab once per event, however often Slack retries it', async () => {
    const home = eventCallback('Ev_HOME_1', { type: 'app_home_opened', user: f.slackId('zhangsan'), channel: 'D1', tab: 'home', event_ts: '1' });
    await f.post(home);
    await f.post({ ...home, extraHeaders: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await f.api.waitFor('views.publish');
    await new Promise((r) => setTimeout(r, 200));
    const published = f.api.callsOf('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.args.view.type).toBe('home');
    expect(blockText(published[0]!.args.view.blocks)).toContain('今日概览');
  });

  it('treats a direct message to the bot as a command, with or without the slash', async () => {
    await f.post(eventCallback('Ev_DM_1', { type: 'message', channel_type: 'im', channel: 'D_ZHANG', user: f.slackId('zhangsan'), text: '帮助', ts: '1.1', event_ts: '1.1' }));
    const [said] = await f.api.waitFor('chat.postMessage');
    expect(said!.args.channel).toBe('D_ZHANG');
    expect(blockText(said!.args.blocks)).toContain('我能做什么');
  });

  it('escapes mrkdwn in what people typed, so a company name cannot mention anyone', async () => {
    const res = await f.post(slashCommand({ command: '/lead', text: '<!channel> 公司 联系人:某 电话:13600001234 规模:1 行业地位:无', user_id: f.slackId('zhangsan') }));
    const shown = `${res.json.text}\n${blockText(res.json.blocks)}`;
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;!channel&gt;');
  });
});

describe('Slack direct messages as Slack really sends them', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it("never answers the bot's own messages, which come back as events", async () => {
    await f.post(eventCallback('Ev_OWN_1', { type: 'message', channel_type: 'im', channel: 'D_ZHANG', user: 'U07REALBOT', bot_id: 'B07REAL', text: '线索已保存', ts: '2.1', event_ts: '2.1' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(f.api.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('reads escaped text and wrapped e-mails as the person typed them', async () => {
    await f.post(
      eventCallback('Ev_DM_MAIL', {
        type: 'message',
        channel_type: 'im',
        channel: 'D_ZHANG',
        user: f.slackId('zhangsan'),
        text: '线索 A&amp;B 贸易 联系人:王 邮箱:<mailto:wang@acme.cn|wang@acme.cn> 规模:10人 行业地位:新锐',
        ts: '3.1',
        event_ts: '3.1',
      }),
    );
    const [said] = await f.api.waitFor('chat.postMessage');
    expect(blockText(said!.args.blocks)).toContain('线索已保存');
    const stored = await f.database.db.selectFrom('companies').select('name').execute();
    expect(stored.map((c) => c.name)).toContain('A&B 贸易');
  });
});
