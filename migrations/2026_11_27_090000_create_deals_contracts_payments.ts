import { type Kysely, sql } from 'kysely';

// The sales process (PIPE-1..4), contracts (CON-1, CON-2) and payments
// (CON-3). A deal belongs to one company and its owner; a contract to one
// deal; payments to one contract. `version` moves on every change of a deal
// or a contract, so two people acting at once produce one change.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deals')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    // PIPE-1: 1 initial contact, 2 needs research, 3 proposal, 4 negotiation, 5 signed.
    .addColumn('stage', 'smallint', (c) => c.notNull().check(sql`stage between 1 and 5`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'won', 'lost')`))
    .addColumn('amount_fen', 'bigint')
    // PIPE-2: the answers of the needs checklist (a JSON array of strings) and how they were gathered.
    .addColumn('needs_answers', 'jsonb')
    .addColumn('needs_method', 'text', (c) => c.check(sql`needs_method in ('phone', 'questionnaire', 'onsite')`))
    .addColumn('needs_recorded_at', 'timestamptz')
    // PIPE-3: the proposal.
    .addColumn('proposal_products', 'text')
    .addColumn('proposal_pricing', 'text')
    .addColumn('proposal_service', 'text')
    .addColumn('proposal_recorded_at', 'timestamptz')
    .addColumn('lost_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('deals_owner_idx').on('deals').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('deals_region_idx').on('deals').columns(['region', 'status']).execute();
  await db.schema.createIndex('deals_company_idx').on('deals').column('company_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('deals.id'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('delivery_date', 'date', (c) => c.notNull())
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('term_days', 'integer', (c) => c.notNull())
    // Percent in hundredths (5% = 500), so 2.5% is exact.
    .addColumn('penalty_bp', 'integer', (c) => c.notNull())
    .addColumn('sign_method', 'text', (c) => c.notNull().check(sql`sign_method in ('esign', 'paper')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'in_review', 'approved', 'returned', 'signed', 'cancelled')`),
    )
    // CON-2: the legal review runs through the approvals engine.
    .addColumn('approval_id', 'integer', (c) => c.references('approval_requests.id'))
    .addColumn('review_comment', 'text')
    // CON-1/CON-3: payment is due `term_days` after delivery.
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz')
    // INC-1: whether signing made a new client, and the team's reward, fixed when signed.
    .addColumn('new_client', 'boolean')
    .addColumn('reward_fen', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contracts_deal_idx').on('contracts').column('deal_id').execute();
  await db.schema.createIndex('contracts_owner_idx').on('contracts').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('contracts_due_idx').on('contracts').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('contracts_approval_idx').on('contracts').column('approval_id').execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_contract_idx').on('payments').column('contract_id').execute();
  await db.schema.createIndex('payments_paid_on_idx').on('payments').column('paid_on').execute();

  // KPI-3: months finance has checked; payments dated in a locked month are refused.
  await db.schema
    .createTable('finance_locks')
    .addColumn('month', 'text', (c) => c.primaryKey().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('locked_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('locked_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finance_locks').execute();
  await db.schema.dropTable('payments').execute();
  await db.schema.dropTable('contracts').execute();
  await db.schema.dropTable('deals').execute();
}
