import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../src/bot/bot.ts';
import { dailyLeadsMorning } from '../src/core/reminders/lead-reminders.ts';
import { createMetrics } from '../src/metrics.ts';
import { startHttpServer, type HttpServer } from '../src/server.ts';
import { outboxQueue } from '../src/store/outbox-queue.ts';
import { botFixture, type BotFixture } from './support/bot-fixture.ts';
import { pgliteBackend } from './support/test-database.ts';

/** GET /metrics in Prometheus text: the outbox backlog read from the database when asked, and what the bot loop counted. */
describe('GET /metrics', () => {
  let f: BotFixture;
  let http: HttpServer;
  let metrics: ReturnType<typeof createMetrics>;
  beforeAll(async () => {
    f = await botFixture(pgliteBackend, { now: '2026-12-02T09:00:00+08:00' });
    metrics = createMetrics({ outbox: () => outboxQueue(f.database.db).backlog(f.clock.now()) });
    http = await startHttpServer({ port: 0, healthy: async () => true, metrics });
  });
  afterAll(async () => {
    await http.close();
    await f.close();
  });

  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${http.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('shows the outbox backlog and the age of its oldest unsent row', async () => {
    expect(await scrape()).toMatch(/^bot_outbox_backlog 0$/m);
    const { queued } = await dailyLeadsMorning(f.deps, f.clock.now());
    expect(queued).toBeGreaterThan(0);
    f.clock.set('2026-12-02T09:05:00+08:00');
    const text = await scrape();
    expect(text).toMatch(new RegExp(`^bot_outbox_backlog ${queued}$`, 'm'));
    // created_at is the database's time of the insert, so the age is what the test clock says, give or take now().
    const age = Number(/^bot_outbox_oldest_unsent_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThan(0);
  });

  it('counts the commands the bot loop handles by kind and outcome, and their latency by platform', async () => {
    const bot = createBot({ ...f.deps, observe: (handled) => metrics.commandHandled(handled) });
    await bot.handleText(f.as('zhangsan'), '今日线索');
    await bot.handleText(f.as('zhangsan'), 'gibberish-word');
    const text = await scrape();
    expect(text).toMatch(/^bot_commands_total\{kind="leads",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^bot_commands_total\{kind="unknown",outcome="bad_input"\} 1$/m);
    expect(text).toMatch(/^bot_command_duration_seconds_count\{platform="console"\} 2$/m);
  });
});
