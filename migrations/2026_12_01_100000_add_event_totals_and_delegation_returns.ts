import { type Kysely, sql } from 'kysely';

// EXP-1 splitting: an expense is judged on its event's running total, so each
// request keeps its event's comparison key and the total it was judged on.
// Delegation: a delegation that ended hands its cards back once (returned_at).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approval_requests').addColumn('event_key', 'text').execute();
  await db.schema.alterTable('approval_requests').addColumn('event_total_fen', 'bigint').execute();
  // Rows from before: the key as the core writes it (NFKC, lower case, no white space or punctuation), as near as SQL gets.
  await sql`update approval_requests set event_key = lower(regexp_replace(normalize(event, NFKC), '[[:space:][:punct:]]', '', 'g')) where event is not null`.execute(db);
  await db.schema.createIndex('approval_requests_event_idx').on('approval_requests').columns(['event_key', 'status']).execute();
  await db.schema.alterTable('delegations').addColumn('returned_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delegations').dropColumn('returned_at').execute();
  await db.schema.dropIndex('approval_requests_event_idx').execute();
  await db.schema.alterTable('approval_requests').dropColumn('event_total_fen').execute();
  await db.schema.alterTable('approval_requests').dropColumn('event_key').execute();
}
