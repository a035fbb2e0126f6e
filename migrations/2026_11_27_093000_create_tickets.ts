import { type Kysely, sql } from 'kysely';

// CLI-4: after-sales requests (售后工单) and their 48-hour first-response clock.
// A ticket belongs to one client company and is assigned to its owner when
// opened; `respond_by` is fixed at opening (clock hours, not working hours),
// so a later policy change does not move a promise already made. Every
// response is kept; the first one also stops the clock on the ticket row.
// `version` moves on every change, so two people acting at once make one change.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('opened_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('respond_by', 'timestamptz', (c) => c.notNull())
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('first_responder_id', 'text', (c) => c.references('people.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text', (c) => c.references('people.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // Set by the sla job once the overdue notices are queued: it never reads the ticket again.
    .addColumn('overdue_notified_at', 'timestamptz')
    // A ticket is closed only after it was answered (see core/tickets/close-ticket.ts).
    .addCheckConstraint('tickets_closed_after_response', sql`closed_at is null or first_response_at is not null`)
    .execute();
  await db.schema.createIndex('tickets_owner_idx').on('tickets').columns(['owner_id', 'closed_at']).execute();
  await db.schema.createIndex('tickets_company_idx').on('tickets').column('company_id').execute();
  // The sla job looks for open tickets still waiting for their first response, not yet told overdue.
  await db.schema
    .createIndex('tickets_waiting_idx')
    .on('tickets')
    .column('respond_by')
    .where(sql.ref('first_response_at'), 'is', null)
    .where(sql.ref('overdue_notified_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('ticket_responses')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('responder_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_responses_ticket_idx').on('ticket_responses').column('ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_responses').execute();
  await db.schema.dropTable('tickets').execute();
}
