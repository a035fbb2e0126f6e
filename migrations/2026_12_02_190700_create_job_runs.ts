import type { Kysely } from 'kysely';

// One row per planned moment of a scheduled job: the instance that inserts it
// runs that moment, every other instance skips it. The latest row of a job is
// also what a restarted bot compares with the schedule to find a missed run.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('queued', 'integer')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'planned_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
}
