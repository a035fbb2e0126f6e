import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/connect.ts';
import { databaseAnswers } from '../../src/store/health.ts';
import { startHttpServer } from '../../src/server.ts';
import { slackSignature, slashCommand } from '../fakes/slack-signing.ts';
import { cardAction, textMessage } from '../fakes/feishu-events.ts';
import { feishuFixture, VERIFICATION_TOKEN, type FeishuFixture } from '../support/feishu-fixture.ts';
import { SIGNING_SECRET, slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { postgresBackend, TEST_DATABASE_URL, type TestBackend } from '../support/test-database.ts';

/**
 * Fault: PostgreSQL unreachable for a few seconds while people use the bot.
 * A TCP proxy stands between the bot and the real server and is cut; the
 * shared server itself is never stopped. Slack gives up on a request that is
 * not answered within 3 s, so every request here gives up then too.
 */

const FAULT = '系统暂时不可用，本次操作未保存，请稍后再试。';
const FAULT_EN = 'The system is unavailable right now; nothing was saved.';
const SLACK_PATIENCE_MS = 3000;

/** A fresh database on the real server: the schema is made directly, the bot reaches it only through the proxy. */
function proxiedPostgres(proxy: TcpProxy): TestBackend {
  const backend: TestBackend = {
    name: 'postgres',
    openCopy: () => backend.open(),
    async open() {
      const direct = await postgresBackend(TEST_DATABASE_URL!).open();
      const viaProxy = openDatabase({ databaseUrl: proxy.via(direct.url!), dataDir: 'unused' });
      return {
        ...viaProxy,
        async close() {
          await viaProxy.close();
          await direct.close();
        },
      };
    },
  };
  return backend;
}

const serverOf = (url: string | undefined) => {
  const target = new URL(url ?? 'postgres://127.0.0.1:5432/test');
  return new TcpProxy(target.hostname, Number(target.port || 5432));
};

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL unreachable under load (the real server behind a TCP proxy)', () => {
  const proxy = serverOf(TEST_DATABASE_URL);
  let f: SlackFixture;

  beforeAll(async () => {
    await proxy.start();
    // As in production, people are cached for a while; here the entries expire at once, as after 10 s.
    f = await slackFixture(proxiedPostgres(proxy), { directoryTtlMs: 1 });
  }, 60_000);
  afterAll(async () => {
    proxy.restore();
    await f?.close();
    await proxy.stop();
  });

  /** A slash command as Slack sends it, given up after Slack's 3 s; the answer is the ack's text or what came to response_url. */
  async function command(user: string, text: string, id: string): Promise<{ answeredInTime: boolean; status: number; answer: string }> {
    const request = slashCommand({ command: '/crm', text, user_id: f.slackId(user), response_url: f.api.responseUrl(id) });
    const res = await fetch(`http://127.0.0.1:${f.http.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': request.contentType, ...slackSignature(SIGNING_SECRET, request.body) },
      body: request.body,
      signal: AbortSignal.timeout(SLACK_PATIENCE_MS),
    }).catch(() => null);
    if (!res) return { answeredInTime: false, status: 0, answer: '' };
    const body = await res.text();
    return { answeredInTime: true, status: res.status, answer: body };
  }

  /** What reaches a response_url after the `seen` calls already there (work may go on after the ack). */
  async function lateAnswer(seen: number, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const calls = f.api.callsOf('response_url');
      if (calls.length > seen) return JSON.stringify(calls.at(-1)!.args);
      if (Date.now() > deadline) throw new Error('nothing reached response_url');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const companies = async () =>
    (await f.database.db.selectFrom('companies').select('name').execute()).map((c) => c.name);

  it('answers every command within 3 s with "try again" while the server refuses, says 503, recovers by itself and stored only what it said it saved', async () => {
    const health = await startHttpServer({ port: 0, healthy: () => databaseAnswers(f.database.db, 1000) });
    try {
      const before = await command('zhangsan', '/lead 杭州云栖数据有限公司 联系人:王经理 电话:13800131001 规模:200人 行业地位:区域龙头', 'before');
      expect(before.answer).toContain('线索已保存');
      expect((await command('fengyi', '/leads', 'before-en')).status).toBe(200);

      proxy.cut('refuse');
      // Who is asking is still known from the last read of the directory: 冯一 is answered in English.
      const english = await command('fengyi', '/leads', 'out-en');
      const outage = await Promise.all(
        [0, 1, 2, 3].map(async (client) => {
          const answers = [];
          for (let i = 0; i < 5; i++) {
            const company = `停电测试${client}${i}有限公司`;
            answers.push({ company, ...(await command('zhangsan', `/lead ${company} 联系人:李 电话:1390013${client}${i}00 规模:50人 行业地位:一般`, `out-${client}-${i}`)) });
          }
          return answers;
        }),
      ).then((all) => all.flat());
      const healthDuring = await fetch(`http://127.0.0.1:${health.port}/healthz`);

      for (const answer of outage) {
        expect(answer.answeredInTime, answer.company).toBe(true);
        expect(answer.status).toBe(200);
        expect(answer.answer).toContain(FAULT);
      }
      expect(healthDuring.status).toBe(503);
      expect(english.answer).toContain(FAULT_EN);

      proxy.restore();
      // The pool finds its way back without a restart.
      let after = await command('zhangsan', '/leads', 'after-0');
      for (let i = 1; !after.answer.includes('杭州云栖数据有限公司') && i < 40; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        after = await command('zhangsan', '/leads', `after-${i}`);
      }
      expect(after.answer).toContain('杭州云栖数据有限公司');
      expect((await fetch(`http://127.0.0.1:${health.port}/healthz`)).status).toBe(200);
      const saved = await companies();
      expect(saved).toContain('杭州云栖数据有限公司');
      for (const answer of outage) expect(saved).not.toContain(answer.company);
    } finally {
      proxy.restore();
      await health.close();
    }
  }, 120_000);

  it('acknowledges within 3 s while the network swallows every packet, then says "try again" on response_url', async () => {
    proxy.cut('blackhole');
    try {
      // The first finds its pooled connection dead at once; the next waits on a new one that never answers.
      for (const [i, company] of ['黑洞测试一有限公司', '黑洞测试二有限公司'].entries()) {
        const seen = f.api.callsOf('response_url').length;
        const answer = await command('lisi', `/lead ${company} 联系人:周 电话:1370013700${i} 规模:10人 行业地位:一般`, `blackhole-${i}`);
        expect(answer.answeredInTime).toBe(true);
        expect(answer.status).toBe(200);
        expect(answer.answer.includes(FAULT) ? answer.answer : await lateAnswer(seen)).toContain(FAULT);
      }
    } finally {
      proxy.restore();
    }
    const saved = await companies();
    expect(saved).not.toContain('黑洞测试一有限公司');
    expect(saved).not.toContain('黑洞测试二有限公司');
  }, 60_000);

  it('survives a connection dropped while a statement is on the wire: the statement fails, the process goes on', async () => {
    const slow = sql`select pg_sleep(5)`.execute(f.database.db).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.cut('refuse');
    proxy.restore();
    expect(await slow).not.toBe('finished');
    // The same pool serves the next statement on a fresh connection.
    const next = await sql<{ one: number }>`select 1 as one`.execute(f.database.db);
    expect(next.rows[0]?.one).toBe(1);
  }, 30_000);
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL unreachable while Feishu delivers (the real server behind a TCP proxy)', () => {
  const proxy = serverOf(TEST_DATABASE_URL);
  let f: FeishuFixture;
  beforeAll(async () => {
    await proxy.start();
    f = await feishuFixture(proxiedPostgres(proxy));
  }, 60_000);
  afterAll(async () => {
    proxy.restore();
    await f?.close();
    await proxy.stop();
  });

  it('answers a message with "try again" and a card click with a "try again" toast, storing nothing', async () => {
    proxy.cut('refuse');
    try {
      const before = f.api.messages().length;
      const message = await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '/lead 飞书停电有限公司 联系人:王 电话:13600136001 规模:10人 行业地位:一般' }));
      expect(message.status).toBe(200);
      const replies = await f.api.waitForMessages(before + 1);
      expect(JSON.stringify(replies.at(-1)!.body)).toContain(FAULT);

      const click = await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), value: { cmd: '/approvals approve 1' } }));
      expect(click.status).toBe(200);
      expect(JSON.stringify(click.json)).toContain(FAULT);
    } finally {
      proxy.restore();
    }
    const saved = (await f.database.db.selectFrom('companies').select('name').execute()).map((c) => c.name);
    expect(saved).not.toContain('飞书停电有限公司');
  }, 60_000);
});
