import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuAdapter, type FeishuAdapter } from '../../adapters/feishu/feishu-adapter.ts';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { identify } from '../../src/core/identity.ts';
import type { Person } from '../../src/core/people.ts';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher.ts';
import { startHttpServer, type HttpServer } from '../../src/server.ts';
import { deliveryLog } from '../../src/bot/deliveries.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { blockText } from '../contract/slack-driver.ts';
import { cardText } from '../contract/feishu-driver.ts';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { cardAction, signedEvent, textMessage } from '../fakes/feishu-events.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { interactivity, slackSignature, slackTriggerId } from '../fakes/slack-signing.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { backends } from '../support/test-database.ts';
import { outboxQueue } from '../../src/store/outbox-queue.ts';

const SECRET = 'e2e-signing';
const ENCRYPT = 'e2e-encrypt';
const TOKEN = 'e2e-token';

/**
 * Issue 5's scene on one bot serving both platforms: a salesperson asks for
 * 80,000 from Feishu, the regional manager approves on Slack, the department
 * manager and finance approve in turn; the requester hears of each step, every
 * card ends in its final state, and a second click changes nothing. Each
 * test asks and approves anew on a database holding only the org.
 */
describe.each(backends)('an 80,000 trade-show expense across Feishu and Slack on $name', (backend) => {
  let f: BotFixture;
  let slackApi: FakeSlackApi;
  let feishuApi: FakeFeishuApi;
  let slack: SlackAdapter;
  let feishu: FeishuAdapter;
  let http: HttpServer;
  let dispatcher: ReturnType<typeof createOutboxDispatcher>;
  // zhangsan only on Feishu; the managers and finance only on Slack.
  const onFeishu = (p: Person) => (p.id === 'zhangsan' ? { ...p, slackId: null, feishuId: 'ou_zhangsan' } : { ...p, feishuId: null, slackId: `U_${p.id.toUpperCase()}` });

  beforeAll(async () => {
    f = await botFixture(backend);
    await importOrg(f.database.db, { regions: f.org.regions, people: f.org.people.map(onFeishu) });
    await checkpoint(f.database.db);
    slackApi = new FakeSlackApi();
    feishuApi = new FakeFeishuApi();
    await Promise.all([slackApi.start(), feishuApi.start()]);
    const who = (platform: 'slack' | 'feishu') => (id: string) => identify(f.deps, platform, id);
    const deliveries = deliveryLog(f.deps.store, f.clock);
    const logger = pino({ level: 'silent' });
    slack = createSlackAdapter({ bot: f.bot, config: { botToken: 'xoxb', signingSecret: SECRET, appToken: undefined, apiUrl: slackApi.apiUrl }, identify: who('slack'), deliveries, logger, retryConfig: { retries: 0 } });
    feishu = createFeishuAdapter({
      bot: f.bot,
      config: { appId: `cli_${randomBytes(4).toString('hex')}`, appSecret: 's', encryptKey: ENCRYPT, verificationToken: TOKEN, mode: 'webhook', domain: feishuApi.baseUrl },
      identify: who('feishu'),
      deliveries,
      logger,
      retry: { attempts: 2, baseMs: 10 },
    });
    dispatcher = createOutboxDispatcher({
      queue: outboxQueue(f.database.db),
      deliverers: [slack.deliverer, feishu.deliverer],
      clock: f.clock,
      logger,
      defaultLocale: 'zh-CN',
    });
    f.deps.afterChange = () => void dispatcher.kick();
    http = await startHttpServer({ port: 0, healthy: async () => true, routes: { 'POST /slack/events': slack.requestListener!, 'POST /feishu/events': feishu.requestListener! } });
  });
  beforeEach(async () => {
    // What the outbox still sends belongs to the test before; then the data and what the fakes heard go.
    await dispatcher.kick();
    await backToCheckpoint(f.database.db);
    slackApi.calls.splice(0);
    feishuApi.calls.splice(0);
  });
  afterAll(async () => {
    await http.close();
    await Promise.all([slackApi.stop(), feishuApi.stop()]);
    await f.close();
  });

  const fromFeishu = (payload: unknown) => {
    const { body, headers } = signedEvent(ENCRYPT, payload);
    return fetch(`http://127.0.0.1:${http.port}/feishu/events`, { method: 'POST', headers, body });
  };
  const clickOnSlack = (personId: string, value: string) => {
    const { body } = interactivity({
      type: 'block_actions',
      user: { id: `U_${personId.toUpperCase()}` },
      // Slack gives every interaction a trigger_id of its own.
      trigger_id: slackTriggerId(),
      channel: { id: `D_U_${personId.toUpperCase()}` },
      actions: [{ type: 'button', action_id: 'run:0', block_id: 'b', value, action_ts: '1' }],
    });
    return fetch(`http://127.0.0.1:${http.port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SECRET, body) }, body });
  };
  /** Polls every 10 ms for 5 s; fails naming what it waited for and the calls both fakes did get. */
  const waitFor = async <T>(find: () => T | undefined, what: string): Promise<T> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        const slack = slackApi.calls.map((c) => `${c.method} ${c.args?.channel ?? ''}`.trim());
        const feishu = feishuApi.messages().map((c) => `${c.method} ${c.body?.receive_id ?? c.path}`);
        throw new Error(`timed out after 5 s waiting for ${what}; Slack got: ${slack.join(', ') || 'nothing'}; Feishu got: ${feishu.join(', ') || 'nothing'}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const cardFor = (slackUser: string) =>
    waitFor(() => slackApi.callsOf('chat.postMessage').find((c) => c.args.channel === `D_${slackUser}` && blockText(c.args.blocks).includes('待你审批')), `the approval card in ${slackUser}'s DM`);
  const approveButton = (call: { args: any }) =>
    call.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.text?.text === '同意').value as string;
  const toRequester = () => feishuApi.messages().filter((c) => c.body?.receive_id === 'ou_zhangsan').map((c) => cardText(c.body.content));

  /** 张三 asks from Feishu; 李四, 王五 and 钱慧 in turn approve from their card on Slack, which then closes. */
  const askAndApproveOnSlack = async () => {
    await fromFeishu(textMessage({ token: TOKEN, openId: 'ou_zhangsan', text: '费用 8万 上海车展展位 活动:2026上海车展' }));
    for (const approver of ['LISI', 'WANGWU', 'QIANHUI']) {
      const card = await cardFor(`U_${approver}`);
      await clickOnSlack(approver.toLowerCase(), approveButton(card));
      await waitFor(() => slackApi.callsOf('chat.update').find((c) => c.args.channel === `D_U_${approver}`), `${approver}'s card closed (chat.update)`);
    }
  };

  it('goes from Feishu through three approvers on Slack to an approved request, with every card closed', async () => {
    await askAndApproveOnSlack();
    const regional = await cardFor('U_LISI');
    expect(blockText(regional.args.blocks)).toContain('¥8万');

    const told = await waitFor(() => (toRequester().some((t) => t.includes('审批已通过')) ? toRequester() : undefined), 'a message to 张三 on Feishu saying 审批已通过');
    expect(told.filter((t) => t.includes('审批进展'))).toHaveLength(2);
    const updates = slackApi.callsOf('chat.update');
    expect(updates.map((u) => u.args.channel).sort()).toEqual(['D_U_LISI', 'D_U_QIANHUI', 'D_U_WANGWU']);
    for (const update of updates) {
      expect(update.args.blocks.some((b: any) => b.type === 'actions')).toBe(false);
      expect(blockText(update.args.blocks)).toMatch(/已同意（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
    }
  });

  it('changes nothing on a second click anywhere, and says so', async () => {
    await askAndApproveOnSlack();
    const { id } = await f.database.db.selectFrom('approval_requests').select('id').executeTakeFirstOrThrow();
    const card = await cardFor('U_LISI');
    const before = await f.database.db.selectFrom('audit_log').select('id').where('action', 'like', 'approval.%').execute();
    await clickOnSlack('lisi', approveButton(card));
    // The card's own button, pressed again: a short clear answer in the DM.
    const answer = await waitFor(
      () => slackApi.callsOf('chat.postMessage').find((c) => c.args.channel === 'D_U_LISI' && blockText(c.args.blocks).includes('这次操作没有生效')),
      "李四's answer to a second click, saying 这次操作没有生效",
    );
    expect(blockText(answer.args.blocks)).toContain('已通过');
    await fromFeishu(cardAction({ token: TOKEN, openId: 'ou_zhangsan', value: { cmd: `/approvals approve ${id}` } }));
    await new Promise((r) => setTimeout(r, 200));
    const after = await f.database.db.selectFrom('audit_log').select('id').where('action', 'like', 'approval.%').execute();
    expect(after).toHaveLength(before.length);
    const request = await f.database.db.selectFrom('approval_requests').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(request.status).toBe('approved');
  });
});
