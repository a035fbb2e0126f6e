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
import { describeUnmatched, lookUpContacts, type MatchOutcome, type PeopleResolver } from './core/directory/match-people.ts';
import type { Platform } from './core/people.ts';
import type { Keyring } from './crypto/keyring.ts';
import { importOrgMatched } from './store/import-org-matched.ts';
import type { OrgImportSummary } from './store/import-org.ts';
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
  /** What the start's import did (the org CLI prints it). */
  orgImport: OrgImportSummary;
  /**
   * Asks the platforms about the people the org file names by e-mail or
   * mobile and imports the directory again with their answers (see
   * matchPeople below). Never throws for a platform: what it cannot ask is reported.
   */
  matchPeople(resolvers: Partial<Record<Platform, PeopleResolver>>): Promise<MatchOutcome>;
  close(): Promise<void>;
}

/** A platform that has not answered who has the org file's e-mails within this is taken as away: the remembered matches stand. */
const LOOKUP_PATIENCE_MS = 20_000;

/** The platforms this bot runs on: their ids are the ones the directory must hold. */
export const platformsOf = (env: Env): Platform[] => [...(env.slack ? (['slack'] as const) : []), ...(env.feishu ? (['feishu'] as const) : [])];

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
  let orgImport: OrgImportSummary;
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
    // People matched by e-mail or mobile keep the ids remembered from an earlier start until the platforms are asked again.
    ({ summary: orgImport } = await importOrgMatched(database.db, keys.keyring, org, platformsOf(env), {}, clock.now()));
    logger.info({ ...orgImport, people: org.people.length }, 'org directory loaded');
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
    orgImport: orgImport!,
    matchPeople: (resolvers) => matchPeople(database, keys.keyring, org, env, clock, logger, resolvers),
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

/**
 * Org file people given by `email:` / `mobile:`: the platforms are asked who
 * they are, the directory is imported again with the answers (one
 * transaction), and the answers are remembered. A platform that fails is
 * reported through `onFailure` and its remembered matches stand; a person
 * still unmatched is in `outcome.unmatched`: a stranger to the bot until matched.
 */
export async function matchAndImport(
  db: OpenedDatabase['db'],
  keyring: Keyring,
  org: OrgFile,
  platforms: readonly Platform[],
  now: Date,
  resolvers: Partial<Record<Platform, PeopleResolver>>,
  onFailure: (platform: Platform, error: unknown) => void,
): Promise<{ summary: OrgImportSummary; outcome: MatchOutcome }> {
  const lookups = await lookUpContacts(org.people, org.contacts ?? [], resolvers, LOOKUP_PATIENCE_MS, onFailure);
  return importOrgMatched(db, keyring, org, platforms, lookups, now);
}

async function matchPeople(
  database: OpenedDatabase,
  keyring: Keyring,
  org: OrgFile,
  env: Env,
  clock: Clock,
  logger: Logger,
  resolvers: Partial<Record<Platform, PeopleResolver>>,
): Promise<MatchOutcome> {
  const onFailure = (platform: Platform, error: unknown) =>
    logger.warn({ platform, error: error instanceof Error ? error.message : String(error) }, 'could not look people up by email or mobile: remembered matches stand');
  const { outcome } = await matchAndImport(database.db, keyring, org, platformsOf(env), clock.now(), resolvers, onFailure);
  if (outcome.matched.length || outcome.fromCache.length) {
    logger.info({ matched: outcome.matched.length, remembered: outcome.fromCache.length }, 'people matched by email or mobile');
  }
  for (const unmatched of outcome.unmatched) logger.warn({ person: unmatched.personId, platform: unmatched.platform, reason: unmatched.reason }, describeUnmatched(unmatched));
  return outcome;
}
