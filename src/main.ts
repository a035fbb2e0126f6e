import { runConsoleChat } from '../adapters/console/console-chat.ts';
import { consoleDeliverer } from '../adapters/console/console-deliverer.ts';
import { createOutboxDispatcher } from './jobs/outbox-dispatcher.ts';
import { startSchedule } from './jobs/schedule.ts';
import { ConfigError } from './config/config-error.ts';
import { isEmbeddedConsole, readEnv } from './config/env.ts';
import { loadEnvFile } from './config/env-file.ts';
import { announceCalendarGaps, startCore } from './compose.ts';
import { personById } from './core/identity.ts';
import { translator } from './i18n/translate.ts';
import { createLogger } from './logger.ts';
import { exitWith } from './cli/run.ts';
import { startPlatforms } from './platforms.ts';
import { startHttpServer } from './server.ts';
import { join } from 'node:path';
import { outboxQueue } from './store/outbox-queue.ts';

/** Within this a stopped bot has exited, even with a request that hangs. */
const SHUTDOWN_LIMIT_MS = 9_000;

/** `npm start`: the console chat on the embedded database, or the platforms when configured. */
async function main(argv: string[]): Promise<void> {
  loadEnvFile();
  const env = readEnv();
  const consoleMode = isEmbeddedConsole(env);
  // In the console the terminal is the chat: logs go to a file beside the data.
  const logger = createLogger(env.logLevel, consoleMode ? join(env.dataDir, 'bot.log') : undefined);
  const startedAt = performance.now();
  const core = await startCore(env, logger);
  await announceCalendarGaps(core, logger);
  const platforms = startPlatforms(env, core, logger);
  const http = await startHttpServer({ port: env.port, healthy: core.healthy, details: () => ({ calendar: core.calendar() }), routes: platforms.routes }).catch((error: NodeJS.ErrnoException) => {
    // The console chat works without the health endpoint; a platform bot does not.
    if (consoleMode && error.code === 'EADDRINUSE') {
      logger.warn({ port: env.port }, 'port in use: /healthz is not served');
      return null;
    }
    throw error;
  });
  logger.info({ ms: Math.round(performance.now() - startedAt), port: http?.port, database: core.database.kind }, 'started');

  // What a change queues for someone else leaves right after the command, and retries come due every second.
  const dispatcher = createOutboxDispatcher({
    queue: outboxQueue(core.database.db),
    deliverers: consoleMode ? [consoleDeliverer(process.stdout, env.locale)] : platforms.deliverers,
    clock: core.deps.clock,
    logger,
    defaultLocale: env.locale,
  });
  core.afterChange.push(() => void dispatcher.kick());
  dispatcher.start();

  // The reminder jobs at the policy's times, in the company's zone (SCHEDULER=off leaves them to `npm run job`).
  const stopSchedule = env.scheduler ? startSchedule(core.deps, logger, () => void dispatcher.kick()) : () => undefined;

  // In this order: no new requests or events, those in flight answered, no new job runs, the
  // outbox's current batch settled, then the database. Asked twice (a service manager and a
  // terminal both signal), it is still one shutdown.
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      stopSchedule();
      await Promise.all([http?.close(), platforms.stop()]);
      await dispatcher.stop();
      await core.close();
      logger.flush();
    })());

  if (!consoleMode) {
    await platforms.start();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        logger.info({ signal }, 'stopping');
        // A request that never ends must not keep a service manager waiting past its own limit.
        setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
        void shutdown().then(() => process.exit(0));
      });
    }
    return;
  }

  const t = translator(env.locale);
  if (core.dataKeyGeneratedAt) process.stderr.write(`${t('console.data_key_generated', { path: core.dataKeyGeneratedAt })}\n`);
  const asIndex = argv.indexOf('--as');
  const startAs = (asIndex >= 0 ? argv[asIndex + 1] : undefined) ?? core.org.people[0]?.id ?? '';
  const findPerson = (id: string) => personById(core.deps, id);
  if (!(await findPerson(startAs))) {
    await shutdown();
    throw new ConfigError(`--as: no person "${startAs}" in ${env.orgFile}`);
  }
  await runConsoleChat({
    bot: core.bot,
    findPerson,
    knownIds: core.org.people.map((p) => p.id),
    startAs,
    input: process.stdin,
    output: process.stdout,
    afterEachLine: () => dispatcher.kick(),
  });
  await shutdown();
}

// Expected start-up problems are one line naming what to fix; anything else is a bug, with its stack.
main(process.argv.slice(2)).catch(exitWith);
