import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createFeishuAdapter } from '../adapters/feishu/feishu-adapter.ts';
import type { Person } from '../src/core/people.ts';
import { createOutboxDispatcher } from '../src/jobs/outbox-dispatcher.ts';
import { importOrg } from '../src/store/import-org.ts';
import { outboxRepo } from '../src/store/outbox-repo.ts';
import { FakeFeishuApi } from '../test/fakes/feishu-api.ts';
import { postgresBackend } from '../test/support/test-database.ts';
import { outboxQueue } from '../src/store/outbox-queue.ts';
import { sharedSendGate } from '../src/platforms.ts';
import { sendBudgetRepo } from '../src/store/send-budget-repo.ts';

const PER_SECOND = 50;
const PER_MINUTE = 1000;

/**
 * The fewest seconds Feishu's limits (50 a second, 1,000 a minute per app) allow for `n` messages:
 * whole minutes of 1,000, then the rest at 50 a second.
 */
export function fastestAllowedSeconds(n: number): number {
  const fullMinutes = Math.floor((n - 1) / PER_MINUTE);
  return fullMinutes * 60 + (n - fullMinutes * PER_MINUTE) / PER_SECOND;
}

/**
 * Draining the outbox (the dispatcher and the Feishu adapter's deliverer,
 * taking turns from the shared budget in PostgreSQL as the bot does) to
 * a fake Feishu that enforces the app's limits of 50 messages a second and
 * 1,000 a minute with 429s: how close they come to the fastest drain those
 * limits allow, and how many 429s they draw. 10,000 messages take Feishu's
 * limits more than nine minutes (BENCH_OUTBOX_MESSAGES sets fewer).
 */
export async function benchFeishuDelivery(adminUrl: string, messages = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 10_000)) {
  const database = await postgresBackend(adminUrl).open();
  const api = new FakeFeishuApi();
  await api.start();
  api.enforcePerSecond = PER_SECOND;
  api.enforcePerMinute = PER_MINUTE;
  try {
    const people: Person[] = Array.from({ length: messages }, (_, i) => ({
      id: `p${i}`, name: `人${i}`, role: 'sales', region: '华东', managerId: null, slackId: null, feishuId: `ou_p${i}`, locale: null, monthlySalaryFen: null,
    }));
    await importOrg(database.db, { regions: ['华东'], people });
    const at = new Date();
    await outboxRepo(database.db).enqueueMany(
      people.map((p) => ({ dedupeKey: `bench:${p.id}`, personId: p.id, notice: { kind: 'leads_nudge' as const, date: '2026-12-02', count: 1, target: 5, missing: 4 } })),
      at,
    );
    const logger = pino({ level: 'silent' });
    const appId = `cli_${randomBytes(4).toString('hex')}`;
    const feishu = createFeishuAdapter({
      bot: { handleText: async () => ({ tone: 'info', blocks: [] }), submitForm: async () => ({ tone: 'info', blocks: [] }), handleFile: async () => ({ tone: 'info', blocks: [] }), openForm: async () => ({ tone: 'info', blocks: [] }), home: async () => ({ tone: 'info', blocks: [] }), localeOf: () => 'zh-CN', companyChoices: async () => [] },
      config: { appId, appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode: 'webhook', domain: api.baseUrl },
      identify: async () => null,
      deliveries: { firstTime: async () => true },
      logger,
      // As the bot sends: each message takes its turn from the app's budget in PostgreSQL (send_budgets).
      sendGate: sharedSendGate(sendBudgetRepo(database.db), appId),
    });
    const dispatcher = createOutboxDispatcher({
      queue: outboxQueue(database.db),
      deliverers: [feishu.deliverer],
      clock: { now: () => new Date() },
      logger,
      defaultLocale: 'zh-CN',
      batch: 100,
    });
    const started = performance.now();
    let sent = 0;
    while (sent < messages) {
      const report = await dispatcher.dispatchOnce();
      sent += report.sent;
      if (report.sent + report.retried + report.failed === 0) await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const fastest = fastestAllowedSeconds(messages);
    return { messages, seconds, perSecond: messages / seconds, allowedPerSecond: messages / fastest, ofLimit: fastest / seconds, rateLimited: api.rateLimited };
  } finally {
    await api.stop();
    await database.close();
  }
}
