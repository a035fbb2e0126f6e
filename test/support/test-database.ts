import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/store/connect.ts';
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
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const pgliteBackend: TestBackend = {
  name: 'pglite',
  async open() {
    const opened = openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(opened.db);
    return opened;
  },
};

export const postgresBackend = (adminUrl: string): TestBackend => ({
  name: 'postgres',
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
