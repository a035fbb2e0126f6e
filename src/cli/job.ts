import { startCore } from '../compose.ts';
import { ConfigError } from '../config/config-error.ts';
import { readEnv } from '../config/env.ts';
import { loadEnvFile } from '../config/env-file.ts';
import { createOutboxDispatcher } from '../jobs/outbox-dispatcher.ts';
import { JOBS } from '../jobs/registry.ts';
import { createLogger } from '../logger.ts';
import { createAdapters, logFileOf } from '../platforms.ts';
import { exitWith } from './run.ts';
import { outboxQueue } from '../store/outbox-queue.ts';

/**
 * `npm run job -- <name> [--at <ISO-8601 time>]`: runs one job once, as if
 * the clock showed --at (default now), delivers what it queued, and exits 0.
 * A second run for the same moment queues and sends nothing: the outbox's
 * dedupe keys say what was already said. Safe beside running bots.
 */
async function main(args: string[]): Promise<void> {
  const [name] = args;
  if (!name || !(name in JOBS)) throw new ConfigError(`usage: npm run job -- <${Object.keys(JOBS).join('|')}> [--at <ISO-8601 time>]`);
  const atIndex = args.indexOf('--at');
  const at = atIndex >= 0 ? new Date(args[atIndex + 1] ?? '') : new Date();
  if (Number.isNaN(at.getTime())) throw new ConfigError('--at: must be an ISO-8601 time, e.g. 2026-12-01T16:30:00+08:00');

  loadEnvFile();
  const env = readEnv();
  const logger = createLogger(env.logLevel, logFileOf(env));
  const core = await startCore(env, logger, { now: () => at });
  try {
    const job = JOBS[name]!;
    const outcome = await job.run(core.deps, at);
    // The adapters' deliverers, the adapters never started: the console's prints to this terminal.
    const deliverers = (await createAdapters(env, core, logger)).map((adapter) => adapter.deliverer);
    // What the job queued as of --at is due at once, whether --at lies in the past or the future.
    const clock = { now: () => new Date(Math.max(Date.now(), at.getTime())) };
    const dispatcher = createOutboxDispatcher({ queue: outboxQueue(core.database.db), deliverers, clock, logger, defaultLocale: env.locale });
    const total = { sent: 0, retried: 0, failed: 0 };
    for (let pass = 0; pass < 20; pass++) {
      const report = await dispatcher.dispatchOnce();
      total.sent += report.sent;
      total.retried += report.retried;
      total.failed += report.failed;
      if (report.sent + report.retried + report.failed === 0) break;
    }
    const skipped = outcome.skipped ? ` (skipped: ${outcome.skipped})` : '';
    process.stdout.write(`${name} at ${at.toISOString()}: queued ${outcome.queued}${skipped}; sent ${total.sent}, failed ${total.failed}, to retry ${total.retried}\n`);
  } finally {
    await core.close();
    logger.flush();
  }
}

main(process.argv.slice(2)).catch(exitWith);
