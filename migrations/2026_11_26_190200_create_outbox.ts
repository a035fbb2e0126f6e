import { type Kysely, sql } from 'kysely';

// Every message the bot sends on its own (a notice, later approval cards and
// reminders) is first a row here, written in the same transaction as the
// change that causes it. The dedupe key (what, whom, about what, when) makes
// a second enqueue of the same message a no-op.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('notice', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // A claimed row belongs to one dispatcher until this time; a dispatcher that died lets it go.
    .addColumn('lease_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('platform', 'text')
    // Where the sent message lives (Slack channel and ts, Feishu message_id), so it can be updated in place.
    .addColumn('ref', 'jsonb')
    // An update of a message already sent: the outbox row that sent it.
    .addColumn('update_of', 'bigint', (c) => c.references('outbox.id'))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
