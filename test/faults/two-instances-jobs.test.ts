import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { freePort, healthz, PROCESS_TIMEOUT, removeTempDirs, ROOT, startBot, tempDir, type Started } from '../support/bot-process.ts';
import { feishuSalesOrg } from '../support/feishu-sales-org.ts';
import { postgresBackend, TEST_DATABASE_URL } from '../support/test-database.ts';

/**
 * Two real bot processes (`npm start`, SCHEDULER=on) on one PostgreSQL, their
 * clocks started at 08:59:40 on a working day (test/support/shifted-clock.mjs):
 * at 09:00 both schedules fire the morning lead reminder; one instance runs it
 * (the job_runs claim), so each of 300 salespeople on Feishu gets it once; and
 * both instances send the queued reminders through the app's one rate budget
 * (send_budgets), so the fake Feishu, refusing more than 50 a second as
 * Feishu does, never answers 429.
 */
const PEOPLE = 300;
const CLOCK_START = '2026-12-07T08:59:40+08:00'; // a Monday, a working day in China
const NINE = new Date('2026-12-07T09:00:00+08:00');

/** The JSON log lines of a process (pino writes them to stderr) with this message. */
const logged = (started: Started, msg: string): Record<string, any>[] =>
  started
    .output()
    .stderr.split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>)
    .filter((entry) => entry.msg === msg);

describe.skipIf(!TEST_DATABASE_URL)('two scheduling bot processes on one PostgreSQL', () => {
  const api = new FakeFeishuApi();
  let database: OpenedDatabase & { url?: string };
  const bots: Started[] = [];
  beforeAll(async () => {
    await api.start();
    api.enforcePerSecond = 50;
    api.enforcePerMinute = 1000;
    database = await postgresBackend(TEST_DATABASE_URL!).open();
    // The job ran on Friday: a start after 09:00 (a slow machine) catches today's run up instead, through the same claim.
    await database.db.insertInto('job_runs').values({ job: 'daily-leads-morning', planned_at: new Date('2026-12-04T01:00:00Z'), started_at: new Date('2026-12-04T01:00:00Z'), finished_at: new Date('2026-12-04T01:00:05Z'), queued: 0 }).execute();
    const dir = tempDir('two-schedules-');
    const org = feishuSalesOrg(dir, PEOPLE);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const started = startBot({
        NODE_OPTIONS: `--import=${join(ROOT, 'test/support/shifted-clock.mjs')}`,
        TEST_CLOCK_START: CLOCK_START,
        DATABASE_URL: database.url!,
        DATA_DIR: join(dir, `data-${i}`),
        DATA_KEY: Buffer.alloc(32, 6).toString('base64'),
        ORG_FILE: org,
        PORT: String(port),
        FEISHU_APP_ID: 'cli_two_schedules',
        FEISHU_APP_SECRET: 'secret',
        FEISHU_MODE: 'webhook',
        FEISHU_ENCRYPT_KEY: 'k',
        FEISHU_VERIFICATION_TOKEN: 'v',
        FEISHU_DOMAIN: api.baseUrl,
        SCHEDULER: 'on',
        LOG_LEVEL: 'info',
      });
      bots.push(started);
      await healthz(port, () => started.child.exitCode !== null);
    }
  }, 2 * PROCESS_TIMEOUT);
  afterAll(async () => {
    for (const bot of bots) bot.child.kill('SIGTERM');
    await Promise.all(bots.map((bot) => bot.finished));
    await api.stop();
    await database?.close();
    removeTempDirs();
  }, PROCESS_TIMEOUT);

  it('sends the 09:00 reminder once to each of 300 people, within Feishu’s 50 a second together', async () => {
    const reminded = () => api.messages().filter((m) => String(m.body?.receive_id).startsWith('ou_s'));
    const deadline = Date.now() + PROCESS_TIMEOUT;
    while (reminded().length < PEOPLE && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Anything sent twice would come after the last one: a little longer.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const receivers = reminded().map((m) => m.body.receive_id as string);
    expect(new Set(receivers).size).toBe(PEOPLE);
    expect(receivers).toHaveLength(PEOPLE);
    expect(api.rateLimited).toBe(0);

    // One instance ran the job for 09:00; the other found the moment taken. (At start one of them caught
    // up 08:45, the quarter-hour the job had not been run since Friday, which queues nothing.)
    const runs = bots.flatMap((bot) => logged(bot, 'job ran').filter((entry) => entry.job === 'daily-leads-morning' && entry.planned === NINE.toISOString()));
    expect(runs.map((entry) => entry.queued)).toEqual([PEOPLE]);
    const claims = await database.db.selectFrom('job_runs').select(['planned_at', 'queued']).where('job', '=', 'daily-leads-morning').where('planned_at', '=', NINE).execute();
    expect(claims.map((c) => c.queued)).toEqual([PEOPLE]);
    // Both sent a share of them, each taking its turn from the one budget.
    const sentBy = bots.map((bot) => logged(bot, 'outbox dispatched').reduce((sum, entry) => sum + Number(entry.sent ?? 0), 0));
    expect(sentBy.every((sent) => sent > 0), `sent by each instance: ${sentBy.join(', ')}`).toBe(true);
    expect(sentBy[0]! + sentBy[1]!).toBe(PEOPLE);
  }, 2 * PROCESS_TIMEOUT);
});
