import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { chinaCalendar } from '../src/calendar/china-calendar.ts';
import { dailyLeadsNudge } from '../src/core/reminders/lead-reminders.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { Keyring } from '../src/crypto/keyring.ts';
import { kyselyStore } from '../src/store/kysely-store.ts';
import { postgresBackend } from '../test/support/test-database.ts';

/**
 * Planning the afternoon nudge with 10,000 salespeople and 1,000,000 leads on
 * the real PostgreSQL: everyone's count of the day in one query, the under-
 * target rows queued in batches. Target: under 1 s.
 */
/** 10,000 salespeople, and leads spread over past days: one a person a day, today included. */
async function seed(db: Kysely<any>, people: number, leads: number) {
  await sql`insert into regions (name) values ('华东')`.execute(db);
  await sql`insert into people (id, name, role, region) select 's' || g, '销售' || g, 'sales', '华东' from generate_series(1, ${people}) g`.execute(db);
  await sql`
    insert into companies (name, norm_name, region, owner_id, size, position, created_at)
    select '公司' || g, 'gs' || g, '华东', 's' || (1 + g % ${people}), '1', '1', now() from generate_series(1, ${leads}) g`.execute(db);
  await sql`
    insert into leads (company_id, reporter_id, work_date, reported_at)
    select c.id, c.owner_id, date '2026-12-02' - (c.id / ${people})::int, now() from companies c`.execute(db);
}

export async function benchNudgePlanning(adminUrl: string, people = 10_000, leads = 1_000_000) {
  const database = await postgresBackend(adminUrl).open();
  try {
    const db = database.db;
    // Seeding a million rows takes longer than the bot's statement timeout allows.
    await db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      await seed(trx, people, leads);
    });
    await sql`analyze`.execute(db);
    const deps = {
      store: kyselyStore(db, new Keyring(randomBytes(32))),
      clock: { now: () => new Date('2026-12-02T16:30:00+08:00') },
      calendar: chinaCalendar(DEFAULT_POLICY.calendar),
      policy: DEFAULT_POLICY,
      timezone: 'Asia/Shanghai',
    };
    const started = performance.now();
    const outcome = await dailyLeadsNudge(deps, deps.clock.now());
    const ms = performance.now() - started;
    const again = performance.now();
    const second = await dailyLeadsNudge(deps, deps.clock.now());
    return { people, leads, queued: outcome.queued, ms, secondQueued: second.queued, secondMs: performance.now() - again };
  } finally {
    await database.close();
  }
}
