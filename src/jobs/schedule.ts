import cron from 'node-cron';
import type { CoreDeps } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import { JOBS } from './registry.ts';

/**
 * SCHEDULER=on: each job on its cron expression in the company's time zone:
 * most every day at their policy time, the per-person reminders every quarter
 * of an hour (each person at the policy time in their own zone). A job skips
 * days off (China calendar) and quiet hours itself, and its dedupe keys make a
 * second instance's run, or a later run the same day, add nothing.
 */
export function startSchedule(deps: CoreDeps, logger: Logger, afterRun: () => void): () => void {
  const tasks = Object.entries(JOBS).map(([name, job]) =>
    cron.schedule(
      job.cron(deps.policy),
      async () => {
        const outcome = await job.run(deps, deps.clock.now());
        logger.info({ job: name, ...outcome }, 'job ran');
        if (outcome.queued) afterRun();
      },
      { timezone: deps.timezone, name, noOverlap: true },
    ),
  );
  return () => tasks.forEach((task) => void task.stop());
}
