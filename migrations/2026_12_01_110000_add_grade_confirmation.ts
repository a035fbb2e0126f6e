import { type Kysely, sql } from 'kysely';

// CLI-1, INC-1: a grade raised by someone who is not a regional or
// department manager (a purchase figure typed by the owner) waits for the
// region's regional manager. The change is a grade_history row with status
// 'pending' until it is confirmed or the old grade kept; who decided and
// when are kept beside who made it. Rows already stored took effect.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('grade_history')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('effective').check(sql`status in ('effective', 'pending', 'confirmed', 'kept', 'superseded')`),
    )
    .addColumn('previous_grade', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  // At most one change waits per client: a newer figure supersedes the older one.
  await db.schema
    .createIndex('grade_history_one_pending_key')
    .on('grade_history')
    .column('company_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('grade_history_one_pending_key').execute();
  await db.schema.alterTable('grade_history').dropColumn('decided_at').dropColumn('decided_by').dropColumn('previous_grade').dropColumn('status').execute();
}
