import type { Kysely } from 'kysely';

// EXP-1: an approver away names a delegate until a date; the delegate may
// decide their steps meanwhile and gets their cards too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('delegate_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('until', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delegations_person_idx').on('delegations').columns(['person_id', 'until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delegations').execute();
}
