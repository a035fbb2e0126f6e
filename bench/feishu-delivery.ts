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

/**
 * Delivery through the outbox to a fake Feishu that enforces the app's limit
 * of 50 messages a second with 429s: how close the dispatcher and the
 * adapter's limiter come to the allowed rate, and how many 429s they draw.
 */
export async function benchFeishuDelivery(adminUrl: string, messages = 400) {
  const database = await postgresBackend(adminUrl).open();
  const api = new FakeFeishuApi();
  await api.start();
  api.enforcePerSecond = 50;
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
    const feishu = createFeishuAdapter({
      bot: { handleText: async () => ({ tone: 'info', blocks: [] }), submitForm: async () => ({ tone: 'info', blocks: [] }), handleFile: async () => ({ tone: 'info', blocks: [] }), home: async () => ({ tone: 'info', blocks: [] }), localeOf: () => 'zh-CN', companyChoices: async () => [] },
      config: { appId: `cli_${randomBytes(4).toString('hex')}`, appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode: 'webhook', domain: api.baseUrl },
      identify: async () => null,
      deliveries: { firstTime: async () => true },
      logger,
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
    return { messages, seconds, perSecond: messages / seconds, allowed: 50, rateLimited: api.rateLimited };
  } finally {
    await api.stop();
    await database.close();
  }
}
