import type { Kysely } from 'kysely';

// People matched by e-mail or mobile: what Slack or Feishu answered, kept so a
// restart or a platform outage does not lose the match. The contact data
// itself is not stored (it stays in the org file); only a keyed fingerprint
// of it, to tell whether the file still gives the same address.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people_matches')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('contact_fingerprint', 'text', (c) => c.notNull())
    .addColumn('matched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_matches_pk', ['person_id', 'platform'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('people_matches').execute();
}
