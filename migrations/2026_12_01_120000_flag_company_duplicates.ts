import { type Kysely, sql } from 'kysely';

// LEAD-2 by name, whatever the credit codes: one company per normalised name,
// unless it is flagged as a duplicate of the company that holds the name.
// - duplicate_of / duplicate_flag: 'allowed' (a manager allowed it from a
//   card, see held_leads), 'existing' (two rows already shared a name when this
//   ran: before it, two companies of one name could both exist when their codes
//   differed), 'rekeyed' (two rows came to share a name when a newer
//   normalisation re-keyed them at start). Flagged rows are kept, never merged.
// - held_leads: a report refused as a likely duplicate (same name, another
//   code), held with its contact encrypted until a manager allows or refuses it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('companies')
    .addColumn('duplicate_of', 'integer', (c) => c.references('companies.id'))
    .execute();
  await db.schema
    .alterTable('companies')
    .addColumn('duplicate_flag', 'text', (c) => c.check(sql`duplicate_flag in ('allowed', 'existing', 'rekeyed')`))
    .execute();
  // The oldest row of a name keeps it; the others point at it.
  await sql`
    update companies c set duplicate_of = f.first_id, duplicate_flag = 'existing'
    from (select id, min(id) over (partition by norm_name) as first_id from companies) f
    where c.id = f.id and f.first_id <> c.id`.execute(db);
  await db.schema.dropIndex('companies_norm_name_uncoded_key').execute();
  await db.schema
    .createIndex('companies_norm_name_key')
    .on('companies')
    .column('norm_name')
    .unique()
    .where(sql.ref('duplicate_of'), 'is', null)
    .execute();

  await db.schema
    .createTable('held_leads')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('norm_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    // The contact as contacts stores it (SEC-1): ciphertext, blind indexes, key id.
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('phone_bidx', 'text')
    .addColumn('email_bidx', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    // The working day it was reported on: an allowed lead counts there (LEAD-1).
    .addColumn('work_date', 'date', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duplicate_of', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'allowed', 'refused')`))
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .execute();
  // One pending hold per credit code: a report sent again waits on the same card.
  await db.schema
    .createIndex('held_leads_pending_code_key')
    .on('held_leads')
    .column('credit_code')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('held_leads').execute();
  await db.schema.dropIndex('companies_norm_name_key').execute();
  await db.schema
    .createIndex('companies_norm_name_uncoded_key')
    .on('companies')
    .column('norm_name')
    .unique()
    .where(sql.ref('credit_code'), 'is', null)
    .execute();
  await db.schema.alterTable('companies').dropColumn('duplicate_flag').execute();
  await db.schema.alterTable('companies').dropColumn('duplicate_of').execute();
}
