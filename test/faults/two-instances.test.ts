import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { interactivity, slackSignature, slackTriggerId, slashCommand } from '../fakes/slack-signing.ts';
import { freePort, healthz, PROCESS_TIMEOUT, removeTempDirs, startBot, tempDir, type Started } from '../support/bot-process.ts';
import { postgresBackend, TEST_DATABASE_URL } from '../support/test-database.ts';
import type { OpenedDatabase } from '../../src/store/connect.ts';

/**
 * Two real bot processes (`npm start`) on one PostgreSQL behave as one: the
 * same signed slash command delivered to both (a load balancer retrying on
 * the other instance) makes one expense request and one approval card; the
 * approver's click delivered to both decides once; and both show the same
 * outbox backlog on /metrics. (Each reminder once and the one Feishu budget:
 * two-instances-jobs.test.ts.)
 */
const SECRET = 'two-instances-secret';

describe.skipIf(!TEST_DATABASE_URL)('two bot processes on one PostgreSQL', () => {
  const api = new FakeSlackApi();
  let database: OpenedDatabase & { url?: string };
  const bots: { started: Started; port: number }[] = [];
  beforeAll(async () => {
    await api.start();
    database = await postgresBackend(TEST_DATABASE_URL!).open();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const started = startBot({
        DATABASE_URL: database.url!,
        DATA_DIR: join(tempDir('two-instances-'), 'data'),
        DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        SCHEDULER: 'on',
        LOG_LEVEL: 'silent',
      });
      bots.push({ started, port });
    }
    await Promise.all(bots.map((b) => healthz(b.port, () => b.started.child.exitCode !== null)));
  }, 2 * PROCESS_TIMEOUT);
  afterAll(async () => {
    for (const b of bots) b.started.child.kill('SIGTERM');
    await Promise.all(bots.map((b) => b.started.finished));
    await api.stop();
    await database.close();
    removeTempDirs();
  }, PROCESS_TIMEOUT);

  /** Polls every 20 ms for 10 s; fails naming what it waited for. */
  const waitUntil = async <T>(found: () => T | undefined | false, what: string): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = found();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const post = (port: number, body: string) =>
    fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SECRET, body) },
      body,
    });

  it('handles a command delivered to both once: one request, one approval card', async () => {
    const { body } = slashCommand({ command: '/crm', text: '费用 8000 展会物料 活动:双实例测试', user_id: 'U01ZHANGSAN', trigger_id: 'trigger-both' });
    const answers = await Promise.all(bots.map((b) => post(b.port, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const requests = await database.db.selectFrom('approval_requests').select('id').where('subject', '=', '展会物料').execute();
    expect(requests).toHaveLength(1);
    const cards = await database.db.selectFrom('outbox').select(['id', 'status']).where('dedupe_key', 'like', 'approval:%:step:%').execute();
    expect(cards).toHaveLength(1);
    // The card goes out once, from one of the two.
    await api.waitFor('chat.postMessage', 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(api.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('展会物料'))).toHaveLength(1);
  });

  it("decides an approver's click delivered to both once: one decision, one word to the requester, the same answer from both", async () => {
    const request = await database.db.selectFrom('approval_requests').select('id').where('subject', '=', '展会物料').executeTakeFirstOrThrow();
    const card = api.callsOf('chat.postMessage').find((c) => JSON.stringify(c.args).includes('展会物料'))!;
    const approve = card.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.text?.text === '同意');
    expect(approve, 'the card has an 同意 button').toBeDefined();
    const click = interactivity({
      type: 'block_actions',
      user: { id: 'U01LISI0001' },
      trigger_id: slackTriggerId(),
      channel: { id: card.args.channel },
      actions: [{ type: 'button', action_id: approve.action_id, block_id: 'b', value: approve.value, action_ts: '1' }],
    });
    const answers = await Promise.all(bots.map((b) => post(b.port, click.body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);

    // A click is answered at once (Slack's 3 seconds) and decided after.
    const status = () => database.db.selectFrom('approval_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    const deadline = Date.now() + 10_000;
    while ((await status()).status === 'pending' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await status()).status).toBe('approved');
    const decisions = await database.db.selectFrom('audit_log').select('action').where('action', 'in', ['approval.approve', 'approval.reject']).execute();
    expect(decisions).toHaveLength(1);
    // 张三 is told once; the second delivery of the click is known as one already handled.
    const toRequester = () => api.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D_U01ZHANGSAN' && JSON.stringify(c.args).includes('审批已通过'));
    await waitUntil(() => toRequester().length > 0, '张三 told the request was approved');
    await waitUntil(
      () => api.callsOf('chat.postMessage').some((c) => c.args.channel === card.args.channel && JSON.stringify(c.args).includes('已经处理过了')),
      'the second delivery answered as one already handled',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(toRequester()).toHaveLength(1);
    // Asked afterwards, each instance shows 李四 the same: nothing of 展会物料 waits on him any more.
    const shown = await Promise.all(
      bots.map(async (b, i) => {
        const ask = slashCommand({ command: '/crm', text: '审批', user_id: 'U01LISI0001', trigger_id: `trigger-show-${i}` });
        const answer = await post(b.port, ask.body);
        expect(answer.status).toBe(200);
        return JSON.stringify(await answer.json());
      }),
    );
    expect(shown[0]).not.toContain('展会物料');
    expect(shown[0]).toBe(shown[1]);
  });

  it('lets one of two different decisions typed at once on the two instances stand, and tells the other it changed nothing', async () => {
    const ask = slashCommand({ command: '/crm', text: '费用 5000 宣传册 活动:双实例冲突', user_id: 'U01ZHANGSAN', trigger_id: 'trigger-conflict' });
    expect((await post(bots[0]!.port, ask.body)).status).toBe(200);
    const request = await database.db.selectFrom('approval_requests').select('id').where('subject', '=', '宣传册').executeTakeFirstOrThrow();
    const typed = [`approvals approve ${request.id}`, `approvals reject ${request.id} reason:预算不足`];
    const answers = await Promise.all(
      bots.map(async (b, i) => {
        const command = slashCommand({ command: '/crm', text: typed[i]!, user_id: 'U01LISI0001', trigger_id: `trigger-decide-${i}` });
        const answer = await post(b.port, command.body);
        expect(answer.status).toBe(200);
        return JSON.stringify(await answer.json());
      }),
    );
    const decisions = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['approval.approve', 'approval.reject'])
      .where('subject_id', '=', String(request.id))
      .execute();
    expect(decisions).toHaveLength(1);
    const { status } = await database.db.selectFrom('approval_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(status).toBe(decisions[0]!.action === 'approval.approve' ? 'approved' : 'rejected');
    expect(answers.filter((a) => a.includes('没有生效'))).toHaveLength(1);
  });

  it('shows the same outbox backlog on both /metrics', async () => {
    // What the earlier tests queued is sent first; then three notices waiting for a retry tomorrow stay
    // pending, not due, so neither instance sends them meanwhile.
    const due = () => database.db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
    const deadline = Date.now() + 10_000;
    while ((await due()).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await due()).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    await database.db
      .insertInto('outbox')
      .values([1, 2, 3].map((i) => ({ dedupe_key: `backlog-${i}`, person_id: 'zhangsan', notice: JSON.stringify({ kind: 'leads_nudge' }), created_at: new Date(), next_attempt_at: tomorrow })))
      .execute();
    const pending = Number((await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()).n);
    expect(pending).toBe(3);
    const texts = await Promise.all(bots.map(async (b) => (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text()));
    const backlog = texts.map((t) => Number(/^bot_outbox_backlog (\d+)$/m.exec(t)?.[1]));
    expect(backlog).toEqual([pending, pending]);
    expect(texts[0]).toMatch(/^bot_db_pool_connections\{state="total"\} \d+$/m);
  });
});
