import type { Kysely } from 'kysely';

// Noise control: a person on leave gets no lead reminders for those days;
// a person may mute the optional reminders (never approvals).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('leaves')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leaves_person_idx').on('leaves').columns(['person_id', 'to_date']).execute();
  await db.schema
    .createTable('reminder_prefs')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('muted', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminder_prefs').execute();
  await db.schema.dropTable('leaves').execute();
}
