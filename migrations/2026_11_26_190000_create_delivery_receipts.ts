import { type Kysely, sql } from 'kysely';

// Platforms deliver an event again when they think it was not received
// (Slack retries, Feishu for hours): one row per delivery id makes the second
// copy a no-op, across restarts and across several bot instances.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_receipts')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('delivery_receipts_pk', ['source', 'delivery_id'])
    .execute();
  await db.schema.createIndex('delivery_receipts_received_idx').on('delivery_receipts').column('received_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_receipts').execute();
}
