import type { Kysely } from 'kysely';

// LEAD-1: reaching the daily target is celebrated once. Two reports that
// land together may both count the fifth lead; the primary key lets only
// one of them celebrate.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lead_celebrations')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('work_date', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('lead_celebrations_pk', ['person_id', 'work_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lead_celebrations').execute();
}
