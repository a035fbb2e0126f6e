import type { Kysely } from 'kysely';

// TRN-1: who acknowledged which rule of the policy at which version. A changed
// policy file makes new versions of the changed rules only; the old rows stay
// as the history of what each person accepted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_acks')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_acks_pk', ['person_id', 'item', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_acks').execute();
}
