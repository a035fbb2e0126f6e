import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/ports.ts';
import type { JobDef } from '../../src/jobs/registry.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { missedMoment, startSchedule } from '../../src/jobs/schedule.ts';
import { openDatabase, type OpenedDatabase } from '../../src/store/connect.ts';
import { jobRunsRepo } from '../../src/store/job-runs-repo.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { botFixture, TEST_KEY, type BotFixture } from '../support/bot-fixture.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { backends } from '../support/test-database.ts';

/**
 * Several instances on one database plan each moment of a job once (job_runs),
 * and a moment missed today while no instance ran is run once when one comes
 * back. On PostgreSQL the second instance is a second connection pool, as a
 * second process would have; on PGlite (one process by design) both share it.
 */
const silent = pino({ level: 'silent' });

describe.each(backends)('the job schedule on $name', (backend) => {
  let f: BotFixture | undefined;
  let second: OpenedDatabase | undefined;
  afterEach(async () => {
    await second?.close();
    await f?.close();
    f = second = undefined;
  });

  /** A second instance on the same database: its own connections where the database has more than one. */
  async function twoInstances(now: string): Promise<[CoreDeps, CoreDeps, OpenedDatabase, OpenedDatabase]> {
    f = await botFixture(backend, { now });
    const url = (f.database as OpenedDatabase & { url?: string }).url;
    const other = url ? (second = openDatabase({ databaseUrl: url, dataDir: 'unused' })) : f.database;
    const deps2: CoreDeps = { ...f.deps, store: kyselyStore(other.db, new Keyring(TEST_KEY), { directoryTtlMs: 0 }) };
    return [f.deps, deps2, f.database, other];
  }

  const counting = (): { job: JobDef; runs: Date[] } => {
    const runs: Date[] = [];
    return { runs, job: { cron: () => '0 9 * * *', run: async (_deps, at) => (runs.push(at), { queued: 0, skipped: null }) } };
  };

  it('two instances that both take the same minute: one gets it', async () => {
    const [, , a, b] = await twoInstances('2026-12-02T09:00:00+08:00');
    const minute = new Date('2026-12-02T09:00:00+08:00');
    const [one, two] = await Promise.all([jobRunsRepo(a.db).claim('sla', minute, minute), jobRunsRepo(b.db).claim('sla', minute, minute)]);
    expect([one, two].filter(Boolean)).toHaveLength(1);
  });

  it('a run missed at 09:00 (the bot down, up at 09:40) runs once when two instances start together, and not again at the next start', async () => {
    const [deps1, deps2, a, b] = await twoInstances('2026-12-02T09:40:00+08:00');
    const { job, runs } = counting();
    // Yesterday's 09:00 ran; today's did not.
    await jobRunsRepo(a.db).claim('morning', new Date('2026-12-01T09:00:00+08:00'), new Date('2026-12-01T09:00:00+08:00'));
    const starts = [
      startSchedule(deps1, silent, { runs: jobRunsRepo(a.db), afterRun: () => undefined, jobs: { morning: job } }),
      startSchedule(deps2, silent, { runs: jobRunsRepo(b.db), afterRun: () => undefined, jobs: { morning: job } }),
    ];
    const caught = await Promise.all(starts.map((s) => s.caughtUp));
    starts.forEach((s) => s.stop());
    expect(runs).toHaveLength(1);
    expect(caught.flat()).toEqual(['morning']);
    const again = startSchedule(deps1, silent, { runs: jobRunsRepo(a.db), afterRun: () => undefined, jobs: { morning: job } });
    await again.caughtUp;
    again.stop();
    expect(runs).toHaveLength(1);
  });

  it('a run missed yesterday is not run today: its day is over', async () => {
    const [deps1, , a] = await twoInstances('2026-12-02T08:30:00+08:00');
    const { job, runs } = counting();
    await jobRunsRepo(a.db).claim('morning', new Date('2026-11-30T09:00:00+08:00'), new Date('2026-11-30T09:00:00+08:00'));
    const started = startSchedule(deps1, silent, { runs: jobRunsRepo(a.db), afterRun: () => undefined, jobs: { morning: job } });
    await started.caughtUp;
    started.stop();
    expect(runs).toHaveLength(0);
  });

  it("the morning kick-off missed at 09:00 reaches each salesperson once when two instances come back at 09:40", async () => {
    const [deps1, deps2, a, b] = await twoInstances('2026-12-02T09:40:00+08:00');
    const jobs = { 'daily-leads-morning': JOBS['daily-leads-morning']! };
    await jobRunsRepo(a.db).claim('daily-leads-morning', new Date('2026-12-01T16:55:00+08:00'), new Date('2026-12-01T16:55:00+08:00'));
    const starts = [
      startSchedule(deps1, silent, { runs: jobRunsRepo(a.db), afterRun: () => undefined, jobs }),
      startSchedule(deps2, silent, { runs: jobRunsRepo(b.db), afterRun: () => undefined, jobs }),
    ];
    await Promise.all(starts.map((s) => s.caughtUp));
    starts.forEach((s) => s.stop());
    const rows = await a.db.selectFrom('outbox').select(['person_id', 'notice']).execute();
    const morning = rows.filter((r) => (r.notice as { kind: string }).kind === 'leads_morning').map((r) => r.person_id);
    expect(morning.length).toBeGreaterThan(0);
    expect(new Set(morning).size).toBe(morning.length);
    const recorded = await a.db.selectFrom('job_runs').select(['planned_at', 'finished_at']).where('job', '=', 'daily-leads-morning').orderBy('planned_at').execute();
    expect(recorded).toHaveLength(2);
    expect(recorded[1]!.finished_at).not.toBeNull();
  });
});

describe('missedMoment', () => {
  const zone = 'Asia/Shanghai';
  const t = (iso: string) => new Date(iso);
  it('finds the latest moment of today after the last recorded one', () => {
    expect(missedMoment('0 9 * * *', zone, t('2026-12-01T09:00:00+08:00'), t('2026-12-02T09:40:00+08:00'))).toEqual(t('2026-12-02T09:00:00+08:00'));
    expect(missedMoment('10,25,40,55 * * * *', zone, t('2026-12-02T08:10:00+08:00'), t('2026-12-02T09:50:00+08:00'))).toEqual(t('2026-12-02T09:40:00+08:00'));
  });
  it('finds nothing when the last recorded moment is the latest, or the moment is not yet due', () => {
    expect(missedMoment('0 9 * * *', zone, t('2026-12-02T09:00:00+08:00'), t('2026-12-02T09:40:00+08:00'))).toBeNull();
    expect(missedMoment('0 9 * * *', zone, t('2026-12-01T09:00:00+08:00'), t('2026-12-02T08:59:00+08:00'))).toBeNull();
  });
});
