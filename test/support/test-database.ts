import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/store/connect.ts';
import type { Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

/**
 * The databases a storage suite runs against: PGlite always, and the real
 * PostgreSQL when TEST_DATABASE_URL is set (CI sets it). Each `open()` gives
 * a fresh, migrated database that `close()` throws away.
 */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh migrated database; on PostgreSQL also its URL, for a second client (benchmarks). */
  open(): Promise<OpenedDatabase & { url?: string }>;
  /**
   * The same as `open()`, made faster for a suite that opens many: on PGlite
   * a copy of one database migrated once per process (creating a PGlite
   * database costs seconds on a busy machine, loading a copy a fraction).
   */
  openCopy(): Promise<OpenedDatabase>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

// The value parsers src/store/connect.ts gives PGlite (int8 as a number, date as its text), for the copies below.
const PGLITE_PARSERS = { 20: (v: string) => Number(v), 1082: (v: string) => v };
let migratedPglite: Promise<File | Blob> | undefined;

async function migratedPgliteDump(): Promise<File | Blob> {
  const pglite = new PGlite('memory://', { parsers: PGLITE_PARSERS });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  if (!pglite.closed) await pglite.close();
  return dump;
}

export const pgliteBackend: TestBackend = {
  name: 'pglite',
  async open() {
    const opened = openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(opened.db);
    return opened;
  },
  async openCopy() {
    migratedPglite ??= migratedPgliteDump();
    const pglite = new PGlite({ loadDataDir: await migratedPglite, parsers: PGLITE_PARSERS });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      },
    };
  },
};

export const postgresBackend = (adminUrl: string): TestBackend => ({
  name: 'postgres',
  // A PostgreSQL database is created and migrated in well under a second.
  openCopy() {
    return this.open();
  },
  async open() {
    const name = `bot_test_${randomBytes(6).toString('hex')}`;
    await admin(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const opened = openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    await migrateToLatest(opened.db);
    return {
      ...opened,
      url: url.toString(),
      async close() {
        await opened.close();
        await admin(adminUrl, `drop database if exists ${name} with (force)`);
      },
    };
  },
});

export const backends: TestBackend[] = [pgliteBackend, ...(TEST_DATABASE_URL ? [postgresBackend(TEST_DATABASE_URL)] : [])];

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
