import { type Kysely, sql } from 'kysely';

// EXP-1, PROMO-1 (and CON-2 later): a request and its chain of steps, each
// with one approver resolved from the org directory when the request is made.
// `version` moves on every transition, so two clicks racing produce one decision.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('expense', 'promotion', 'contract')`))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('event', 'text')
    .addColumn('product', 'text')
    .addColumn('on_date', 'date')
    .addColumn('over_benchmark', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'withdrawn', 'expired')`))
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('approval_requests_requester_idx').on('approval_requests').columns(['requester_id', 'status']).execute();

  await db.schema
    .createTable('approval_steps')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('approval_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'pending', 'approved', 'rejected', 'cancelled')`))
    // Since when the step waits on its approver: escalation counts working days from here.
    .addColumn('pending_since', 'timestamptz')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('approval_steps_pk', ['request_id', 'seq'])
    .execute();
  await db.schema.createIndex('approval_steps_approver_idx').on('approval_steps').columns(['approver_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('approval_steps').execute();
  await db.schema.dropTable('approval_requests').execute();
}
