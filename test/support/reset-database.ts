import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/database.ts';

/** What the org import and the migrator wrote, which a scene keeps: the people, the regions, the settings, the schema's history. */
const KEPT = new Set(['people', 'regions', 'settings', 'kysely_migration', 'kysely_migration_lock']);

/**
 * Empties every other table, so a test that shares a
 * fixture with others for speed starts from what a new database would hold.
 * Ids go on counting: a platform that dedupes messages by an id made from an outbox row's (Feishu's uuid)
 * would take a repeated one for a message it already has.
 * No CASCADE: a kept table that pointed at an emptied one would fail here, not be emptied quietly.
 * The audit log refuses TRUNCATE (SEC-3); a test database's history is the test's own to throw away,
 * so its trigger is lifted for this one statement, in a transaction that puts it back.
 */
export async function forgetAllButTheOrg(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  const emptied = rows.map((r) => r.name).filter((name) => !KEPT.has(name));
  if (!emptied.length) throw new Error('no tables to empty: is the database migrated?');
  await db.transaction().execute(async (tx) => {
    await sql`alter table audit_log disable trigger audit_log_no_truncate`.execute(tx);
    await sql`truncate table ${sql.join(emptied.map((name) => sql.table(name)))}`.execute(tx);
    await sql`alter table audit_log enable trigger audit_log_no_truncate`.execute(tx);
  });
}
