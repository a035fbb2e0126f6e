import { type Kysely, sql } from 'kysely';

// The org directory as last imported from ORG_FILE. People who leave the file
// are deactivated, not deleted: their leads and decisions keep their author.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addColumn('slack_id', 'text', (c) => c.unique())
    .addColumn('feishu_id', 'text', (c) => c.unique())
    .addColumn('locale', 'text')
    .addColumn('monthly_salary_fen', 'bigint')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').execute();
  await db.schema.dropTable('people').execute();
  await db.schema.dropTable('regions').execute();
}
