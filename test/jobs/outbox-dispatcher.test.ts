import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/people.ts';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { createOutboxDispatcher, type Deliverer } from '../../src/jobs/outbox-dispatcher.ts';
import { outboxRepo } from '../../src/store/outbox-repo.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { outboxQueue } from '../../src/store/outbox-queue.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

/** A deliverer that records what it sends and fails on demand. */
function recordingDeliverer(name = 'test') {
  const sent: { to: string; view: View }[] = [];
  let failWith: Error | null = null;
  let hang = false;
  const deliverer: Deliverer = {
    name,
    canReach: (p: Person) => p.id !== 'ops',
    async send(person, view) {
      if (hang) return new Promise(() => undefined);
      if (failWith) throw failWith;
      sent.push({ to: person.id, view });
    },
    isPermanent: (e) => e instanceof Error && e.message.startsWith('permanent'),
  };
  return { deliverer, sent, failNext: (e: Error | null) => (failWith = e), hangForever: () => (hang = true) };
}

const silent = pino({ level: 'silent' });

describe.each(backends)('the outbox on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const lead = await reportLead(f.deps, f.as('zhangsan'), {
      company: '外发测试公司', contactName: '钟', phone: '+8613900001234', email: null, size: '1', position: '1', region: null, creditCode: null, source: null,
    });
    if (!lead.ok) throw new Error(lead.code);
    await checkpoint(f.database.db);
  });
  afterAll(() => f.close());
  // Each test starts from the lead and an empty outbox, not from what the test before it left.
  beforeEach(async () => {
    await backToCheckpoint(f.database.db);
    f.clock.set('2026-11-26T10:00:00+08:00');
  });

  const rows = () => f.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  const enqueue = (key: string, personId = 'sunqi') =>
    f.deps.store.transaction(async (tx) => {
      await tx.outbox.enqueue({ dedupeKey: key, personId, notice: { kind: 'account_manager_assigned', company: '外发测试公司', by: '李四' } }, f.clock.now());
      return { ok: true as const, value: null };
    });
  const dispatcher = (d: Deliverer, leaseMs = 60_000) =>
    createOutboxDispatcher({ queue: outboxQueue(f.database.db), deliverers: [d], clock: f.clock, logger: silent, defaultLocale: 'zh-CN', leaseMs });

  it('queues the notice in the same transaction as the change, and nothing when the change is refused', async () => {
    const refused = await updateClient(f.deps, f.as('lisi'), { company: '外发测试公司', annualPurchaseFen: null, grade: null, reason: null, accountManagerId: 'zhaoliu' });
    expect(refused.ok).toBe(false);
    expect(await rows()).toEqual([]);
    const assigned = await updateClient(f.deps, f.as('lisi'), { company: '外发测试公司', annualPurchaseFen: null, grade: null, reason: null, accountManagerId: 'sunqi' });
    expect(assigned.ok).toBe(true);
    const [row] = await rows();
    expect(row).toMatchObject({ person_id: 'sunqi', status: 'pending', notice: { kind: 'account_manager_assigned', company: '外发测试公司', by: '李四' } });
    expect(JSON.stringify(row)).not.toContain('13900001234');
  });

  it('sends each row once, in the reader\'s language, and nothing the second time', async () => {
    await enqueue('assigned:sunqi');
    const r = recordingDeliverer();
    const d = dispatcher(r.deliverer);
    expect(await d.dispatchOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await d.dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(r.sent.map((s) => s.to)).toEqual(['sunqi']);
    expect(r.sent[0]!.view.title).toBe('新的专属客户');
    expect((await rows())[0]).toMatchObject({ status: 'sent', platform: 'test' });
  });

  it('adds nothing for a dedupe key it already holds', async () => {
    await enqueue('same-key');
    await enqueue('same-key');
    expect((await rows()).filter((row) => row.dedupe_key === 'same-key')).toHaveLength(1);
    await dispatcher(recordingDeliverer().deliverer).dispatchOnce();
  });

  it('retries a failure that may mend, after a backoff, and then sends', async () => {
    await enqueue('flaky');
    const r = recordingDeliverer();
    const d = dispatcher(r.deliverer);
    r.failNext(new Error('HTTP 500'));
    expect(await d.dispatchOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    r.failNext(null);
    expect(await d.dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    f.clock.set('2026-11-26T10:00:03+08:00');
    expect(await d.dispatchOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await rows()).find((row) => row.dedupe_key === 'flaky')).toMatchObject({ status: 'sent', attempts: 2, last_error: 'HTTP 500' });
  });

  it('records a permanent failure with its reason and does not retry it', async () => {
    await enqueue('blocked');
    const r = recordingDeliverer();
    r.failNext(new Error('permanent: the user blocked the bot'));
    const d = dispatcher(r.deliverer);
    expect(await d.dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    f.clock.set('2026-11-27T10:00:00+08:00');
    expect(await d.dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await rows()).find((row) => row.dedupe_key === 'blocked')).toMatchObject({ status: 'failed', last_error: 'permanent: the user blocked the bot' });
  });

  it('fails a message to someone no platform reaches, saying so', async () => {
    await enqueue('unreachable', 'ops');
    expect(await dispatcher(recordingDeliverer().deliverer).dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await rows()).find((row) => row.dedupe_key === 'unreachable')?.last_error).toBe('no platform reaches this person');
  });

  it('does not lose a message whose dispatcher died between claim and send: another takes it when the lease runs out', async () => {
    await enqueue('orphan');
    const dying = recordingDeliverer();
    dying.hangForever();
    void dispatcher(dying.deliverer, 30_000).dispatchOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = recordingDeliverer();
    expect(await dispatcher(other.deliverer, 30_000).dispatchOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    f.clock.set('2026-11-26T10:00:31+08:00');
    expect(await dispatcher(other.deliverer, 30_000).dispatchOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(other.sent.map((s) => s.to)).toEqual(['sunqi']);
  });
});

describe.each(backends)('slow sends and short leases on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  it('never send a row twice when a batch outlasts its lease and another dispatcher claims meanwhile', async () => {
    const repo = outboxRepo(f.database.db);
    for (let i = 0; i < 3; i++) {
      await repo.enqueue({ dedupeKey: `slow-${i}`, personId: 'sunqi', notice: { kind: 'account_manager_assigned', company: `慢${i}`, by: '王五' } }, new Date(Date.now() - 1000));
    }
    const sends: string[] = [];
    const slow = (name: string): Deliverer => ({
      name,
      canReach: () => true,
      async send(_person, view) {
        await new Promise((r) => setTimeout(r, 400));
        sends.push(JSON.stringify(view.blocks[0]));
      },
      isPermanent: () => false,
    });
    const realClock = { now: () => new Date() };
    const make = (name: string) => createOutboxDispatcher({ queue: outboxQueue(f.database.db), deliverers: [slow(name)], clock: realClock, logger: silent, defaultLocale: 'zh-CN', leaseMs: 500 });
    const first = make('a').dispatchOnce();
    await new Promise((r) => setTimeout(r, 650));
    const second = make('b').dispatchOnce();
    await Promise.all([first, second]);
    expect(sends).toHaveLength(3);
    expect(new Set(sends).size).toBe(3);
    const statuses = await f.database.db.selectFrom('outbox').select('status').execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });
});

describe.runIf(backends.some((b) => b.name === 'postgres'))('two dispatchers on one PostgreSQL', () => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backends.find((b) => b.name === 'postgres')!);
  });
  afterAll(() => f.close());

  it('send every message exactly once between them', async () => {
    const repo = outboxRepo(f.database.db);
    const at = f.clock.now();
    for (let i = 0; i < 200; i++) {
      await repo.enqueue({ dedupeKey: `race-${i}`, personId: i % 2 ? 'sunqi' : 'lisi', notice: { kind: 'account_manager_assigned', company: `公司${i}`, by: '王五' } }, at);
    }
    const sends = new Map<string, number>();
    const counting = (name: string): Deliverer => ({
      name,
      canReach: () => true,
      async send(_person, view) {
        const key = JSON.stringify(view.blocks[0]);
        sends.set(key, (sends.get(key) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
      },
      isPermanent: () => false,
    });
    const make = (name: string) => createOutboxDispatcher({ queue: outboxQueue(f.database.db), deliverers: [counting(name)], clock: f.clock, logger: silent, defaultLocale: 'zh-CN', batch: 20 });
    const [a, b] = [make('a'), make('b')];
    const drain = async (d: ReturnType<typeof make>) => {
      for (;;) if ((await d.dispatchOnce()).sent === 0) return;
    };
    await Promise.all([drain(a), drain(b)]);
    expect(sends.size).toBe(200);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    const platforms = await f.database.db.selectFrom('outbox').select('platform').execute();
    expect(new Set(platforms.map((p) => p.platform))).toEqual(new Set(['a', 'b']));
  });
});
