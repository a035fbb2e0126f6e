import { type Kysely, sql } from 'kysely';

// Performance review (KPI-1..7): the month's goals a manager and a person
// agree (KPI-2), the quarter reviews computed from the system's data (KPI-3,
// KPI-5, KPI-6) and the improvement plans of those who missed (KPI-4).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monthly_goals')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('sales_target_fen', 'bigint', (c) => c.notNull().check(sql`sales_target_fen >= 0`))
    .addColumn('new_clients_target', 'integer', (c) => c.notNull().check(sql`new_clients_target >= 0`))
    .addColumn('note', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    // Set once the person agrees; from then on the goal is fixed.
    .addColumn('agreed_at', 'timestamptz')
    .addPrimaryKeyConstraint('monthly_goals_pk', ['person_id', 'month'])
    .execute();
  await db.schema.createIndex('monthly_goals_month_idx').on('monthly_goals').column('month').execute();

  await db.schema
    .createTable('quarter_reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}Q[1-4]$'`))
    .addColumn('sales_fen', 'bigint', (c) => c.notNull())
    .addColumn('new_clients', 'integer', (c) => c.notNull())
    // Basis points of received ÷ due; null when nothing was due (counts as met).
    .addColumn('collection_rate_bp', 'integer')
    // Basis points of sales ÷ target, the ranking of KPI-5.
    .addColumn('attainment_bp', 'integer', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    // KPI-5: months of salary as year-end bonus; 0 outside the top.
    .addColumn('bonus_multiple', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('quarter_reviews_person_quarter_uq', ['person_id', 'quarter'])
    .execute();
  await db.schema.createIndex('quarter_reviews_quarter_idx').on('quarter_reviews').column('quarter').execute();

  await db.schema
    .createTable('improvement_plans')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}Q[1-4]$'`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_by', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('improvement_plans_pk', ['person_id', 'quarter'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('improvement_plans').execute();
  await db.schema.dropTable('quarter_reviews').execute();
  await db.schema.dropTable('monthly_goals').execute();
}
