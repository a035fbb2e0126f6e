import { createOutboxDispatcher } from './jobs/outbox-dispatcher.ts';
import { startSchedule } from './jobs/schedule.ts';
import { readEnv } from './config/env.ts';
import { loadEnvFile } from './config/env-file.ts';
import { announceCalendarGaps, startCore } from './compose.ts';
import { translator } from './i18n/translate.ts';
import { createLogger } from './logger.ts';
import { exitWith } from './cli/run.ts';
import { connectionStates, createAdapters, logFileOf, resolversOf } from './platforms.ts';
import { startHttpServer } from './server.ts';
import { outboxQueue } from './store/outbox-queue.ts';
import { jobRunsRepo } from './store/job-runs-repo.ts';

/** Within this a stopped bot has exited, even with a request that hangs. */
const SHUTDOWN_LIMIT_MS = 9_000;

/** `npm start`: the adapters the environment configures (the console chat on the embedded database when none is). */
async function main(argv: string[]): Promise<void> {
  loadEnvFile();
  const env = readEnv();
  const logger = createLogger(env.logLevel, logFileOf(env));
  const startedAt = performance.now();
  const core = await startCore(env, logger);
  await announceCalendarGaps(core, logger);
  const adapters = await createAdapters(env, core, logger, { argv, sendQueued: () => dispatcher.kick() });
  // Before anything is received: people the org file names by e-mail or mobile are matched (or reported).
  await core.matchPeople(resolversOf(adapters));
  const routes = Object.assign({}, ...adapters.map((adapter) => adapter.routes));
  const http = await startHttpServer({ port: env.port, healthy: core.healthy, details: () => ({ calendar: core.calendar(), ...connectionStates(adapters) }), routes, metrics: core.metrics }).catch((error: NodeJS.ErrnoException) => {
    // The console chat works without the health endpoint; a platform bot does not.
    if (error.code === 'EADDRINUSE' && adapters.every((adapter) => adapter.worksWithoutHttp)) {
      logger.warn({ port: env.port }, 'port in use: /healthz is not served');
      return null;
    }
    throw error;
  });
  logger.info({ ms: Math.round(performance.now() - startedAt), port: http?.port, database: core.database.kind }, 'started');

  // What a change queues for someone else leaves right after the command, and retries come due every second.
  const dispatcher = createOutboxDispatcher({
    queue: outboxQueue(core.database.db),
    deliverers: adapters.map((adapter) => adapter.deliverer),
    clock: core.deps.clock,
    logger,
    defaultLocale: env.locale,
    observer: core.metrics,
  });
  core.afterChange.push(() => void dispatcher.kick());
  dispatcher.start();

  // The reminder jobs at the policy's times, in the company's zone (SCHEDULER=off leaves them to `npm run job`).
  // Several instances on one database plan each moment once (job_runs); a moment missed today while none ran is run now.
  const schedule = env.scheduler ? startSchedule(core.deps, logger, { runs: jobRunsRepo(core.database.db), afterRun: () => void dispatcher.kick(), observer: core.metrics }) : null;

  // In this order: no new requests or events, those in flight answered, no new job runs, the
  // outbox's current batch settled, then the database. Asked twice (a service manager and a
  // terminal both signal, or the console ends while stopping), it is still one shutdown.
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      schedule?.stop();
      await schedule?.caughtUp;
      await Promise.all([http?.close(), ...adapters.map((adapter) => adapter.stop())]);
      await dispatcher.stop();
      await core.close();
      logger.flush();
    })());

  // A key is generated only for the embedded console, on a data folder's first run: whoever runs it must know to keep it.
  if (core.dataKeyGeneratedAt) process.stderr.write(`${translator(env.locale)('console.data_key_generated', { path: core.dataKeyGeneratedAt })}\n`);
  try {
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    // An adapter that cannot start (`--as nobody`, a refused socket) stops the bot, cleanly.
    await shutdown();
    throw error;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      logger.info({ signal }, 'stopping');
      // A request that never ends must not keep a service manager waiting past its own limit.
      setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
      void shutdown().then(() => process.exit(0));
    });
  }
  // An adapter whose end is the bot's (the console at /quit or the end of its input) ends it.
  const ended = adapters.flatMap((adapter) => (adapter.ended ? [adapter.ended] : []));
  if (ended.length) {
    await Promise.race(ended);
    await shutdown();
  }
}

// Expected start-up problems are one line naming what to fix; anything else is a bug, with its stack.
main(process.argv.slice(2)).catch(exitWith);

