import { join } from 'node:path';
import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { createFeishuAdapter } from '../adapters/feishu/feishu-adapter.ts';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.ts';
import { feishuPeopleResolverFor } from '../adapters/feishu/resolve-people.ts';
import { slackPeopleResolverFor } from '../adapters/slack/resolve-people.ts';
import type { Adapter, AdapterContext } from './bot/face.ts';
import type { Core } from './compose.ts';
import { isEmbeddedConsole, type Env } from './config/env.ts';
import { identify, personById } from './core/identity.ts';
import type { PeopleResolver } from './core/directory/match-people.ts';
import type { Platform } from './core/people.ts';
import type { Logger } from './logger.ts';

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
export function createAdapters(env: Env, core: Core, logger: Logger, extras: AdapterExtras = {}): Adapter[] {
  // What every adapter is given: the bot, who is who on its platform, its delivery receipts, its logger.
  const context = (platform: Platform | 'console', who: AdapterContext['identify']): AdapterContext => ({
    bot: core.bot,
    identify: who,
    deliveries: core.deliveries,
    logger: logger.child({ platform }),
  });
  const on = (platform: Platform) => context(platform, (platformId) => identify(core.deps, platform, platformId));
  const adapters: Adapter[] = [];
  if (env.slack) adapters.push(createSlackAdapter({ ...on('slack'), config: env.slack }));
  if (env.feishu) adapters.push(createFeishuAdapter({ ...on('feishu'), config: env.feishu }));
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

/** How each adapter's platform says who has an e-mail or mobile (the console has none). */
export const resolversOf = (adapters: readonly Adapter[]): Partial<Record<Platform, PeopleResolver>> =>
  Object.fromEntries(adapters.flatMap((adapter) => (adapter.resolvePeople ? [[adapter.resolvePeople.platform, adapter.resolvePeople.resolve]] : [])));

/** The same, without building the adapters: for `npm run org -- import`, which receives nothing. */
export const peopleResolversFor = (env: Env): Partial<Record<Platform, PeopleResolver>> => ({
  ...(env.slack && { slack: slackPeopleResolverFor(env.slack) }),
  ...(env.feishu && { feishu: feishuPeopleResolverFor(env.feishu) }),
});
