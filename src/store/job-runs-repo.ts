import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * The record of scheduled runs, one row per job and planned moment. Taking a
 * moment is one INSERT … ON CONFLICT: of several instances whose schedules
 * fire at the same minute, exactly one gets the row back and runs the job.
 * This works the same on PostgreSQL and on PGlite (one process there, but the
 * same record tells a restarted bot what it missed). A claim whose run never
 * finished (the instance died) may be taken again once `staleAfterMs` has
 * passed; the jobs' dedupe keys make that second run add only what is missing.
 */
export function jobRunsRepo(db: Kysely<Database>) {
  return {
    async claim(job: string, plannedAt: Date, now: Date, staleAfterMs = 10 * 60_000): Promise<boolean> {
      const stale = new Date(now.getTime() - staleAfterMs);
      const taken = await db
        .insertInto('job_runs')
        .values({ job, planned_at: plannedAt, started_at: now })
        .onConflict((oc) =>
          oc
            .columns(['job', 'planned_at'])
            .doUpdateSet({ started_at: now })
            .where('job_runs.finished_at', 'is', null)
            .where('job_runs.started_at', '<', stale),
        )
        .returning('job')
        .executeTakeFirst();
      return taken !== undefined;
    },

    async finish(job: string, plannedAt: Date, queued: number, now: Date): Promise<void> {
      await db.updateTable('job_runs').set({ finished_at: now, queued }).where('job', '=', job).where('planned_at', '=', plannedAt).execute();
    },

    /** The latest planned moment of each job that ran at least once. */
    async latest(): Promise<Map<string, Date>> {
      const rows = await db
        .selectFrom('job_runs')
        .select(['job', sql<Date>`max(planned_at)`.as('last')])
        .groupBy('job')
        .execute();
      return new Map(rows.map((r) => [r.job, new Date(r.last)]));
    },
  };
}

export type JobRuns = ReturnType<typeof jobRunsRepo>;
