import { createFeishuAdapter } from '../adapters/feishu/feishu-adapter.ts';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.ts';
import type { Core } from './compose.ts';
import type { Env } from './config/env.ts';
import { identify } from './core/identity.ts';
import type { Platform } from './core/people.ts';
import type { Logger } from './logger.ts';
import type { Deliverer } from './jobs/outbox-dispatcher.ts';
import type { Handler } from './server.ts';

export interface Platforms {
  routes: Record<string, Handler>;
  /** How the outbox reaches people: Slack first, then Feishu. */
  deliverers: Deliverer[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What startPlatforms needs of an adapter: its HTTP listener (none in Socket Mode or long connection), its deliverer, its life. */
interface PlatformAdapter {
  requestListener: Handler | null;
  deliverer: Deliverer;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The chat platforms the environment configures, with the HTTP paths they mount on the one server. */
export function startPlatforms(env: Env, core: Core, logger: Logger): Platforms {
  const routes: Record<string, Handler> = {};
  const adapters: PlatformAdapter[] = [];
  const mount = (adapter: PlatformAdapter, path: string) => {
    if (adapter.requestListener) routes[path] = adapter.requestListener;
    adapters.push(adapter);
  };
  // What every adapter is given: the bot, who is who on its platform, its delivery receipts, its logger.
  const shared = (platform: Platform) => ({
    bot: core.bot,
    identify: identifyOn(core, platform),
    deliveries: core.deliveries,
    logger: logger.child({ platform }),
  });
  if (env.slack) mount(createSlackAdapter({ ...shared('slack'), config: env.slack }), 'POST /slack/events');
  if (env.feishu) mount(createFeishuAdapter({ ...shared('feishu'), config: env.feishu }), 'POST /feishu/events');
  return {
    routes,
    deliverers: adapters.map((adapter) => adapter.deliverer),
    start: async () => {
      for (const adapter of adapters) await adapter.start();
    },
    stop: async () => {
      for (const adapter of adapters) await adapter.stop();
    },
  };
}

/** A platform user id → the person of the directory, or null. */
const identifyOn = (core: Core, platform: Platform) => (platformId: string) => identify(core.deps, platform, platformId);

