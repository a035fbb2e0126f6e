import { pino } from 'pino';
import { createBot, type Bot, type BotDeps } from '../../src/bot/bot.ts';
import { chinaCalendar } from '../../src/calendar/china-calendar.ts';
import { DEFAULT_ORG_FILE } from '../../src/config/env.ts';
import { loadOrgFile, type OrgFile } from '../../src/config/org-file.ts';
import type { Person } from '../../src/core/people.ts';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import type { Actor, Clock } from '../../src/core/ports.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import type { TestBackend } from './test-database.ts';

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  set(iso: string): void;
}

export const testClock = (iso: string): TestClock => {
  let current = new Date(iso);
  return { now: () => current, set: (next) => void (current = new Date(next)) };
};

export const TEST_KEY = Buffer.alloc(32, 7);

export interface BotFixture {
  database: OpenedDatabase;
  deps: BotDeps;
  bot: Bot;
  clock: TestClock;
  org: OrgFile;
  keyring: Keyring;
  /** An actor from the org by id, on the console. */
  as(id: string): Actor;
  person(id: string): Person;
  close(): Promise<void>;
}

/**
 * The real bot on a fresh migrated database with the shipped example org
 * (examples/org.yaml) or the one given, a fixed key and a hand-moved clock. Thursday
 * 2026-11-26 10:00 in Shanghai is a working day.
 */
export async function botFixture(
  backend: TestBackend,
  options: { now?: string; policy?: Policy; org?: OrgFile; directoryTtlMs?: number } = {},
): Promise<BotFixture> {
  const database = await backend.open();
  const org = options.org ?? loadOrgFile(DEFAULT_ORG_FILE);
  await importOrg(database.db, org);
  const keyring = new Keyring(TEST_KEY);
  const clock = testClock(options.now ?? '2026-11-26T10:00:00+08:00');
  const policy = options.policy ?? DEFAULT_POLICY;
  const deps: BotDeps = {
    store: kyselyStore(database.db, keyring, { directoryTtlMs: options.directoryTtlMs ?? 0 }),
    clock,
    calendar: chinaCalendar(policy.calendar),
    policy,
    timezone: 'Asia/Shanghai',
    defaultLocale: 'zh-CN',
    logger: pino({ level: 'silent' }),
  };
  const person = (id: string): Person => {
    const found = org.people.find((p) => p.id === id);
    if (!found) throw new Error(`no ${id} in the org`);
    return found;
  };
  return {
    database,
    deps,
    bot: createBot(deps),
    clock,
    org,
    keyring,
    person,
    as: (id) => ({ person: person(id), platform: 'console' }),
    close: () => database.close(),
  };
}
