import { type Kysely, sql } from 'kysely';

// Companies (leads that become clients), their encrypted contacts, the lead
// reports, grade history and visits. Contact data is only ever stored as
// ciphertext plus keyed blind indexes (SEC-1).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    // LEAD-2: one company, one owner, by credit code and by normalised name;
    // the code is the stronger key, so two companies of one name may both
    // exist when their codes differ (the partial index below).
    .addColumn('norm_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.unique())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('account_manager_id', 'text', (c) => c.references('people.id'))
    .addColumn('annual_purchase_fen', 'bigint')
    .addColumn('grade', 'text', (c) => c.check(sql`grade in ('A', 'B', 'C')`))
    .addColumn('grade_overridden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('customer_since', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companies_owner_idx').on('companies').column('owner_id').execute();
  await db.schema.createIndex('companies_norm_name_idx').on('companies').column('norm_name').execute();
  await db.schema
    .createIndex('companies_norm_name_uncoded_key')
    .on('companies')
    .column('norm_name')
    .unique()
    .where(sql.ref('credit_code'), 'is', null)
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('phone_bidx', 'text')
    .addColumn('email_bidx', 'text')
    // Which DATA_KEY wrote this row, so a rotation can find what is left to re-encrypt.
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_company_idx').on('contacts').column('company_id').execute();
  await db.schema.createIndex('contacts_phone_bidx_idx').on('contacts').column('phone_bidx').execute();
  await db.schema.createIndex('contacts_email_bidx_idx').on('contacts').column('email_bidx').execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().unique().references('companies.id'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('people.id'))
    // The working day in the company's time zone on which it was reported (LEAD-1).
    .addColumn('work_date', 'date', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('leads_reporter_day_idx')
    .on('leads')
    .columns(['reporter_id', 'work_date'])
    .execute();
  // The reminder jobs count everyone's leads of one day at once.
  await db.schema.createIndex('leads_day_idx').on('leads').column('work_date').execute();

  await db.schema
    .createTable('grade_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('purchase', 'override')`))
    .addColumn('annual_purchase_fen', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('phone', 'onsite')`))
    .addColumn('note', 'text')
    .addColumn('visit_date', 'date', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visits_company_date_idx')
    .on('visits')
    .columns(['company_id', 'visit_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['visits', 'grade_history', 'leads', 'contacts', 'companies']) {
    await db.schema.dropTable(table).execute();
  }
}
