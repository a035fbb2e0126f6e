import { sql, type Kysely } from 'kysely';

// A platform's sending limits are the app's, not one process's: each row is a
// budget (one Feishu app, one recipient of it) shared by every instance and
// `npm run job`. The rings hold the times (ms of the database's clock) of the
// last messages, one per allowed message of the window: a message may go once
// the one it replaces in the ring is a full window old (a sliding window, as
// the per-process limiter had).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('send_budgets')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('taken', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('second_ring', sql`double precision[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('minute_ring', sql`double precision[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('send_budgets').execute();
}
