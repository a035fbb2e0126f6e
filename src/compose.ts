import { createBot, type Bot, type BotDeps } from './bot/bot.ts';
import { deliveryLog, type DeliveryLog } from './bot/deliveries.ts';
import { chinaCalendar } from './calendar/china-calendar.ts';
import { ConfigError } from './config/config-error.ts';
import { isEmbeddedConsole, type Env } from './config/env.ts';
import { loadOrgFile, type OrgFile } from './config/org-file.ts';
import { checkPolicyAgainstOrg, loadPolicy } from './config/policy-file.ts';
import type { CalendarCoverage, Clock } from './core/ports.ts';
import { calendarGaps, tellAdminsOfCalendarGaps } from './core/reminders/calendar-gaps.ts';
import { resolveDataKeys } from './crypto/data-key.ts';
import type { Logger } from './logger.ts';
import { openDatabase, type OpenedDatabase } from './store/connect.ts';
import { databaseAnswers } from './store/health.ts';
import { importOrg } from './store/import-org.ts';
import { kyselyStore } from './store/kysely-store.ts';
import { migrateToLatest } from './store/migrate.ts';
import { outboxQueue } from './store/outbox-queue.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { rekeyCompanyNames } from './store/rekey-company-names.ts';

export interface Core {
  bot: Bot;
  deps: BotDeps;
  database: OpenedDatabase;
  org: OrgFile;
  deliveries: DeliveryLog;
  /** Run after every command (the outbox dispatcher adds itself here). */
  afterChange: (() => void)[];
  /** The Prometheus metrics (GET /metrics); the bot loop counts its commands into them. */
  metrics: Metrics;
  /** Set on the run that generated the console's data key. */
  dataKeyGeneratedAt: string | undefined;
  healthy(): Promise<boolean>;
  /** The China calendar's known years and the coming years it lacks (for /healthz). */
  calendar(): CalendarCoverage;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Builds everything but the transports, in the order that fails fastest:
 * files first, then the key, then the database (migrated, org imported).
 */
export async function startCore(env: Env, logger: Logger, clock: Clock = systemClock): Promise<Core> {
  const policy = loadPolicy(env.policyFile);
  const org = loadOrgFile(env.orgFile);
  checkPolicyAgainstOrg(policy, org.people.map((p) => p.id), env.policyFile ?? '(none)', env.orgFile);
  const keys = resolveDataKeys({
    dataKey: env.dataKey,
    previousKeys: env.dataKeyPrevious,
    dataDir: env.dataDir,
    embeddedConsole: isEmbeddedConsole(env),
  });
  const database = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  try {
    if (!(await databaseAnswers(database.db, 10_000))) {
      throw new ConfigError(
        env.databaseUrl
          ? 'DATABASE_URL: the database does not answer'
          : `DATA_DIR: the embedded database in ${env.dataDir} does not open (is another bot using it?)`,
      );
    }
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ migrations: applied }, 'database migrated');
    const rekeyed = await rekeyCompanyNames(database.db);
    if (rekeyed) {
      logger.info({ from: rekeyed.from, to: rekeyed.to, rekeyed: rekeyed.rekeyed }, 'company names re-normalised');
      // Kept, never merged: a lookup by such a name asks which company is meant.
      if (rekeyed.flagged.length) logger.warn({ flagged: rekeyed.flagged }, 'companies now share a normalised name: kept both, the newer flagged as a duplicate');
    }
    const summary = await importOrg(database.db, org);
    logger.info({ ...summary, people: org.people.length }, 'org directory loaded');
  } catch (error) {
    await database.close();
    throw error;
  }
  const afterChange: (() => void)[] = [];
  const queue = outboxQueue(database.db);
  const metrics = createMetrics({ outbox: () => queue.backlog(clock.now()), ...(database.pool && { pool: database.pool }) });
  const deps: BotDeps = {
    observe: (handled) => metrics.commandHandled(handled),
    afterChange: () => afterChange.forEach((run) => run()),
    // People and regions change with an org import; another process's import is seen within 10 s.
    store: kyselyStore(database.db, keys.keyring, { directoryTtlMs: 10_000 }),
    clock,
    calendar: chinaCalendar(policy.calendar),
    policy,
    timezone: org.timezone ?? env.timezone,
    defaultLocale: env.locale,
    logger,
  };
  return {
    bot: createBot(deps),
    deps,
    database,
    org,
    deliveries: deliveryLog(deps.store, clock),
    afterChange,
    metrics,
    dataKeyGeneratedAt: keys.generatedAt,
    healthy: () => databaseAnswers(database.db),
    calendar: () => calendarGaps(deps),
    close: () => database.close(),
  };
}

/**
 * At the bot's start (not on every `npm run job`): a year the China calendar
 * does not know runs on the fallback (weekends off), and is never silent: one
 * warning line, and a notice to each admin once per set of unknown years.
 * /healthz says it too (Core.calendar).
 */
export async function announceCalendarGaps(core: Core, logger: Logger): Promise<void> {
  const gaps = calendarGaps(core.deps);
  if (gaps.unknownYears.length === 0) return;
  logger.warn(
    { knownThrough: gaps.knownThrough, unknownYears: gaps.unknownYears },
    `China calendar does not know ${gaps.unknownYears.join(', ')}: Monday to Friday count as working days there until the policy file gives calendar.extra_holidays and calendar.extra_workdays`,
  );
  await tellAdminsOfCalendarGaps(core.deps, gaps);
}
