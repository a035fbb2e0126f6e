import { createFeishuAdapter } from '../adapters/feishu/feishu-adapter.ts';
import { FeishuApiError } from '../adapters/feishu/send-with-retry.ts';
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
    deliverers.push({ name: 'slack', canReach: (p) => Boolean(p.slackId), send: slack.sendTo, update: slack.update, isPermanent: slackFailureIsPermanent });
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
    deliverers.push({ name: 'feishu', canReach: (p) => Boolean(p.feishuId), send: feishu.sendTo, update: feishu.update, isPermanent: (e) => e instanceof FeishuApiError && !e.transient });
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

/** Slack's answers that retrying will not mend: the person or the DM is gone, or the bot may not write. */
const SLACK_PERMANENT = new Set(['user_not_found', 'account_inactive', 'cannot_dm_bot', 'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'missing_scope']);
const slackFailureIsPermanent = (error: unknown): boolean =>
  SLACK_PERMANENT.has(String((error as { data?: { error?: string } }).data?.error ?? ''));
