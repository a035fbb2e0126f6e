import { join } from 'node:path';
import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
import type { Adapter, AdapterContext } from './bot/face.ts';
import type { Core } from './compose.ts';
import { isEmbeddedConsole, type Env } from './config/env.ts';
import { identify, personById } from './core/identity.ts';
import type { PeopleResolver } from './core/directory/match-people.ts';
import type { Platform } from './core/people.ts';
import type { Logger } from './logger.ts';
import { FEISHU_LIMITS } from '../adapters/feishu/rate-limiter.ts';
import { sendBudgetRepo, type SendBudgets } from './store/send-budget-repo.ts';

/** What only `npm start` gives the adapters (`npm run job` builds them for their deliverers alone). */
export interface AdapterExtras {
  /** The command line, for the console's `--as <id>`. */
  argv?: string[];
  /** Sends what the outbox holds now: the console awaits it after each line, so that it is printed before the next prompt. */
  sendQueued?: () => Promise<void>;
}

/**
 * The adapters the environment configures, in the order the outbox tries
 * their deliverers: Slack, then Feishu; with neither and no database server,
 * the console chat, the embedded default.
 */
export async function createAdapters(env: Env, core: Core, logger: Logger, extras: AdapterExtras = {}): Promise<Adapter[]> {
  // What every adapter is given: the bot, who is who on its platform, its delivery receipts, its logger.
  const context = (platform: Platform | 'console', who: AdapterContext['identify']): AdapterContext => ({
    bot: core.bot,
    identify: who,
    deliveries: core.deliveries,
    logger: logger.child({ platform }),
  });
  const on = (platform: Platform) => context(platform, (platformId) => identify(core.deps, platform, platformId));
  const adapters: Adapter[] = [];
  // A platform's SDK is loaded only when it is configured: the Lark SDK alone costs some 70 MB of memory, Bolt 35.
  if (env.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.ts');
    adapters.push(createSlackAdapter({ ...on('slack'), config: env.slack, onRateLimited: () => core.metrics.rateLimited('slack') }));
  }
  if (env.feishu) {
    const { createFeishuAdapter } = await import('../adapters/feishu/feishu-adapter.ts');
    adapters.push(
      createFeishuAdapter({
        ...on('feishu'),
        config: env.feishu,
        sendGate: sharedSendGate(sendBudgetRepo(core.database.db), env.feishu.appId),
        onRateLimited: () => core.metrics.rateLimited('feishu'),
      }),
    );
  }
  if (isEmbeddedConsole(env)) {
    adapters.push(
      createConsoleAdapter({
        ...context('console', (id) => personById(core.deps, id)),
        knownIds: core.org.people.map((p) => p.id),
        argv: extras.argv ?? [],
        orgFile: env.orgFile,
        input: process.stdin,
        output: process.stdout,
        afterEachLine: extras.sendQueued,
      }),
    );
  }
  return adapters;
}

/** In the console the terminal is the chat: logs go to a file beside the data. Elsewhere to stderr. */
export const logFileOf = (env: Env): string | undefined => (isEmbeddedConsole(env) ? join(env.dataDir, 'bot.log') : undefined);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Feishu's limits are the app's (50 a second, 1,000 a minute; 5 a second to
 * one person): every instance and `npm run job` take their turn from the same
 * rows of send_budgets. The recipient's turn first, then the app's, so that a
 * message held for one busy person does not hold a slot of the app's.
 */
export function sharedSendGate(budgets: SendBudgets, appId: string) {
  return {
    async acquire(recipient: string): Promise<void> {
      const mine = await budgets.reserve(`feishu:${appId}:to:${recipient}`, { perSecond: FEISHU_LIMITS.perRecipientPerSecond });
      if (mine.slot > mine.now) await sleep(mine.slot - mine.now);
      const app = await budgets.reserve(`feishu:${appId}`, { perSecond: FEISHU_LIMITS.perSecond, perMinute: FEISHU_LIMITS.perMinute });
      if (app.slot > app.now) await sleep(app.slot - app.now);
    },
  };
}

/** The sockets the bot receives through (Slack Socket Mode, Feishu's long connection), by platform, for /healthz; none in webhook mode. */
export function connectionStates(adapters: Adapter[]): { connections?: Record<string, string> } {
  const live = adapters.flatMap((a) => (a.connection ? [[a.deliverer.name, a.connection()] as const] : []));
  return live.length ? { connections: Object.fromEntries(live) } : {};
}

/** How each adapter's platform says who has an e-mail or mobile (the console has none). */
export const resolversOf = (adapters: readonly Adapter[]): Partial<Record<Platform, PeopleResolver>> =>
  Object.fromEntries(adapters.flatMap((adapter) => (adapter.resolvePeople ? [[adapter.resolvePeople.platform, adapter.resolvePeople.resolve]] : [])));

/** The same, without building the adapters: for `npm run org -- import`, which receives nothing. */
export async function peopleResolversFor(env: Env): Promise<Partial<Record<Platform, PeopleResolver>>> {
  // Loaded only for a platform that is configured, as the adapters are (their SDKs cost memory).
  const slack = env.slack && (await import('../adapters/slack/resolve-people.ts')).slackPeopleResolverFor(env.slack);
  const feishu = env.feishu && (await import('../adapters/feishu/resolve-people.ts')).feishuPeopleResolverFor(env.feishu);
  return { ...(slack && { slack }), ...(feishu && { feishu }) };
}
