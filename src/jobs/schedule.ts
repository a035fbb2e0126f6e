import cron from 'node-cron';
import { DateTime } from 'luxon';
import type { CoreDeps } from '../core/ports.ts';
import type { JobOutcome } from '../core/reminders/job-window.ts';
import type { Logger } from '../logger.ts';
import type { JobRuns } from '../store/job-runs-repo.ts';
import { JOBS, type JobDef } from './registry.ts';

/** What the schedule tells about each run it took, skipped or lost (the metrics count it; a test may too). */
export interface JobObserver {
  jobRan(job: string, seconds: number, result: 'ran' | 'failed'): void;
}

export interface ScheduleOptions {
  /** The record of planned moments shared by every instance on the database (src/store/job-runs-repo.ts). */
  runs: JobRuns;
  afterRun: () => void;
  observer?: JobObserver;
  /** The jobs to plan (all of registry.ts by default). */
  jobs?: Record<string, JobDef>;
}

/**
 * SCHEDULER=on: each job on its cron expression in the company's time zone:
 * most every day at their policy time, the per-person reminders every quarter
 * of an hour (each person at the policy time in their own zone). A job skips
 * days off (China calendar) and quiet hours itself.
 *
 * Several instances on one database plan each moment once: a firing first
 * takes the moment (job, minute) in job_runs, and only the instance that got
 * it runs the job; the others skip. The jobs' dedupe keys stay the second
 * line: a run repeated anyway (a stale claim taken over) adds nothing sent.
 *
 * At start, a moment that passed today while no instance ran (the bot down at
 * 09:00, up at 09:40) is run once, now: the latest such moment of each job,
 * if its record shows it was not run; the job's own window (working day, quiet
 * hours, the person's time) still decides whether it speaks. Taking it goes
 * through the same record, so two instances starting together run it once.
 */
export function startSchedule(deps: CoreDeps, logger: Logger, opts: ScheduleOptions): { stop(): void; caughtUp: Promise<string[]> } {
  const jobs = opts.jobs ?? JOBS;
  const runMoment = async (name: string, job: JobDef, planned: Date): Promise<boolean> => {
    const now = deps.clock.now();
    if (!(await opts.runs.claim(name, planned, now))) return false;
    const started = performance.now();
    let outcome: JobOutcome;
    try {
      outcome = await job.run(deps, now);
    } catch (err) {
      opts.observer?.jobRan(name, (performance.now() - started) / 1000, 'failed');
      // The claim stays unfinished: after its staleness another instance (or the next start) may take it again.
      logger.error({ err, job: name }, 'job failed');
      return true;
    }
    await opts.runs.finish(name, planned, outcome.queued, deps.clock.now());
    opts.observer?.jobRan(name, (performance.now() - started) / 1000, 'ran');
    logger.info({ job: name, planned: planned.toISOString(), ...outcome }, 'job ran');
    if (outcome.queued) opts.afterRun();
    return true;
  };

  const tasks = Object.entries(jobs).map(([name, job]) =>
    cron.schedule(
      job.cron(deps.policy),
      async () => {
        await runMoment(name, job, startOfMinute(deps.clock.now())).catch((err: unknown) => logger.error({ err, job: name }, 'job could not be planned'));
      },
      { timezone: deps.timezone, name, noOverlap: true },
    ),
  );

  const catchUp = async (): Promise<string[]> => {
    const latest = await opts.runs.latest();
    const now = deps.clock.now();
    const caught: string[] = [];
    for (const [name, job] of Object.entries(jobs)) {
      const last = latest.get(name);
      // A job never recorded on this database (a first start) has missed nothing we know of.
      if (!last) continue;
      const missed = missedMoment(job.cron(deps.policy), deps.timezone, last, now);
      if (missed && (await runMoment(name, job, missed))) caught.push(name);
    }
    if (caught.length) logger.info({ jobs: caught }, 'missed job runs caught up');
    return caught;
  };
  const caughtUp = catchUp().catch((err: unknown) => {
    logger.error({ err }, 'missed job runs could not be checked');
    return [];
  });
  return { stop: () => tasks.forEach((task) => void task.stop()), caughtUp };
}

const startOfMinute = (at: Date): Date => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * The latest moment of `expression` (in `zone`) after `last` and not after
 * `now`, on the same local day as `now`: a run missed today. Yesterday's are
 * not caught up (their day is over), nor the earlier ones of today: one run
 * of a job does what all its missed moments would have done.
 */
export function missedMoment(expression: string, zone: string, last: Date, now: Date): Date | null {
  const matcher = cron.createTask(expression, () => undefined, { timezone: zone });
  const dayStart = DateTime.fromJSDate(now, { zone }).startOf('day').toMillis();
  const since = Math.max(dayStart, last.getTime() + 1);
  for (let t = startOfMinute(now).getTime(); t >= since; t -= 60_000) {
    if (matcher.match(new Date(t))) return new Date(t);
  }
  return null;
}
