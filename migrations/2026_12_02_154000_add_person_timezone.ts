import type { Kysely } from 'kysely';

// A person's own time zone (the org file's per-person `timezone:`): their
// reminders come at the policy's times in that zone, and never in its quiet
// hours. Null: the company's zone. Working days and periods stay the company's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('timezone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('timezone').execute();
}
