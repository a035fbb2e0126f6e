import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/database.ts';

/** What the org import and the migrator wrote, which tests read and never change: the people, the regions, the settings, the schema's history. */
const ORG_TABLES = new Set(['people', 'regions', 'settings', 'kysely_migration', 'kysely_migration_lock']);
const SCHEMA = 'test_checkpoint';

/** The tables a checkpoint kept rows of, per database. */
const kept = new WeakMap<Kysely<Database>, { tables: string[]; withRows: string[] }>();

async function dataTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  const tables = rows.map((r) => r.name).filter((name) => !ORG_TABLES.has(name));
  if (!tables.length) throw new Error('no tables to keep: is the database migrated?');
  return tables;
}

/**
 * Keeps a copy of what every table but the org's holds now: the scene the tests
 * of a file share, set once. `backToCheckpoint` brings it back before each test,
 * so each starts from that scene, not from what the test before it left.
 */
export async function checkpoint(db: Kysely<Database>): Promise<void> {
  const tables = await dataTables(db);
  await sql`create schema if not exists ${sql.id(SCHEMA)}`.execute(db);
  const withRows: string[] = [];
  for (const name of tables) {
    await sql`drop table if exists ${sql.id(SCHEMA, name)}`.execute(db);
    await sql`create table ${sql.id(SCHEMA, name)} as table ${sql.table(name)}`.execute(db);
    const { rows } = await sql<{ some: boolean }>`select exists (select 1 from ${sql.id(SCHEMA, name)}) as some`.execute(db);
    if (rows[0]?.some) withRows.push(name);
  }
  kept.set(db, { tables, withRows });
}

/**
 * Every table but the org's back to what `checkpoint` kept. Ids go on counting
 * (a platform that dedupes by an id made from an outbox row's, as Feishu does by
 * uuid, would take a repeated one for a message it already has).
 *
 * Rows are deleted, not truncated: TRUNCATE makes new files for every table, ten
 * times slower here. The replica role lifts the foreign keys (so the order of the
 * tables does not matter) and the audit log's append-only triggers (SEC-3): a test
 * database's history is the test's own to throw away. It needs a superuser, as
 * PGlite's and the test PostgreSQL's are; it lasts for this transaction only.
 */
export async function backToCheckpoint(db: Kysely<Database>): Promise<void> {
  const checkpointed = kept.get(db);
  if (!checkpointed) throw new Error('backToCheckpoint before checkpoint: keep the scene first');
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const name of checkpointed.tables) await sql`delete from ${sql.table(name)}`.execute(tx);
    for (const name of checkpointed.withRows) {
      await sql`insert into ${sql.table(name)} overriding system value select * from ${sql.id(SCHEMA, name)}`.execute(tx);
    }
  });
}
