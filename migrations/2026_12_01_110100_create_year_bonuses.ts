import { type Kysely, sql } from 'kysely';

// KPI-5: the year-end bonus is ranked once a year, after the fourth
// quarter's review, among those who passed; a quarter review only shows a
// standing, and a failed review has none (rank null).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarter_reviews').alterColumn('rank', (c) => c.dropNotNull()).execute();
  await db.schema
    .createTable('year_bonuses')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 9999`))
    // The year's quarters the person was reviewed in, and their sales in them.
    .addColumn('quarters', 'integer', (c) => c.notNull())
    .addColumn('sales_fen', 'bigint', (c) => c.notNull())
    .addColumn('attainment_bp', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('bonus_multiple', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('year_bonuses_pk', ['person_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('year_bonuses').execute();
  await db.schema.alterTable('quarter_reviews').alterColumn('rank', (c) => c.setNotNull()).execute();
}
