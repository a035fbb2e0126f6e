import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { slackSignature, slashCommand } from '../fakes/slack-signing.ts';
import { freePort, healthz, PROCESS_TIMEOUT, removeTempDirs, startBot, tempDir, type Started } from '../support/bot-process.ts';
import { postgresBackend, TEST_DATABASE_URL } from '../support/test-database.ts';
import type { OpenedDatabase } from '../../src/store/connect.ts';

/**
 * Two real bot processes (`npm start`) on one PostgreSQL behave as one: the
 * same signed slash command delivered to both (a load balancer retrying on
 * the other instance) makes one expense request and one approval card, and
 * both show the same outbox backlog on /metrics.
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

  it('shows the same outbox backlog on both /metrics', async () => {
    const texts = await Promise.all(bots.map(async (b) => (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text()));
    const backlog = texts.map((t) => /^bot_outbox_backlog (\d+)$/m.exec(t)?.[1]);
    expect(backlog[0]).toBeDefined();
    expect(backlog[0]).toBe(backlog[1]);
    expect(texts[0]).toMatch(/^bot_db_pool_connections\{state="total"\} \d+$/m);
  });
});
