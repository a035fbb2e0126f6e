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

/** The chat platforms the environment configures, with the HTTP paths they mount on the one server. */
export function startPlatforms(env: Env, core: Core, logger: Logger): Platforms {
  const routes: Record<string, Handler> = {};
  const adapters: { start(): Promise<void>; stop(): Promise<void> }[] = [];
  const deliverers: Deliverer[] = [];
  if (env.slack) {
    const slack = createSlackAdapter({
      bot: core.bot,
      config: env.slack,
      identify: identifyOn(core, 'slack'),
      deliveries: core.deliveries,
      logger: logger.child({ platform: 'slack' }),
    });
    if (slack.requestListener) routes['POST /slack/events'] = slack.requestListener;
    adapters.push(slack);
    deliverers.push(slack.deliverer);
  }
  if (env.feishu) {
    const feishu = createFeishuAdapter({
      bot: core.bot,
      config: env.feishu,
      identify: identifyOn(core, 'feishu'),
      deliveries: core.deliveries,
      logger: logger.child({ platform: 'feishu' }),
    });
    if (feishu.requestListener) routes['POST /feishu/events'] = feishu.requestListener;
    adapters.push(feishu);
    deliverers.push(feishu.deliverer);
  }
  return {
    routes,
    deliverers,
    start: async () => {
      for (const adapter of adapters) await adapter.start();
    },
    stop: async () => {
      for (const adapter of adapters) await adapter.stop();
    },
  };
}

/** A platform user id → the person of the directory, or null. */
const identifyOn = (core: Core, platform: Platform) => async (platformId: string) => {
  const found = await identify(core.deps, platform, platformId);
  return found.ok ? found.value : null;
};

