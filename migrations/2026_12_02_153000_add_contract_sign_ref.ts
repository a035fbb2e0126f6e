import type { Kysely } from 'kysely';

// PIPE-4, CLI-3: a signed contract keeps where its signature can be found:
// the e-signature platform's reference (e签宝's flow id) or the paper
// contract's number. Null for contracts signed before it was kept, and for
// e-signed contracts signed without one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').addColumn('sign_ref', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').dropColumn('sign_ref').execute();
}
