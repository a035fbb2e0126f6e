import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { identify } from '../../src/core/identity.ts';
import { deliveryLog } from '../../src/bot/deliveries.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { startHttpServer, type HttpServer } from '../../src/server.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { slackSignature, type SlackPost } from '../fakes/slack-signing.ts';
import { botFixture, type BotFixture } from './bot-fixture.ts';
import type { TestBackend } from './test-database.ts';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackFixture extends BotFixture {
  api: FakeSlackApi;
  adapter: SlackAdapter;
  http: HttpServer;
  /** The Slack user id of a person of the example org (every person gets one here). */
  slackId(personId: string): string;
  /** How many 429 answers the adapter was told of (what /metrics counts as bot_rate_limited_total{platform="slack"}). */
  rateLimited(): number;
  /** POSTs to /slack/events, signed as Slack signs unless told otherwise. */
  post(request: SlackPost, sign?: { secret?: string; timestamp?: number; unsigned?: boolean }): Promise<{ status: number; text: string; json: any }>;
}

/**
 * The real Bolt app of the bot, mounted on the bot's own HTTP server, its
 * Web API pointed at a loopback fake that records every call.
 */
export async function slackFixture(backend: TestBackend, options: Parameters<typeof botFixture>[1] = {}): Promise<SlackFixture> {
  const base = await botFixture(backend, options);
  const slackId = (id: string) => base.person(id).slackId ?? `U_${id.toUpperCase()}`;
  await importOrg(base.database.db, { regions: base.org.regions, people: base.org.people.map((p) => ({ ...p, slackId: slackId(p.id) })) });
  const api = new FakeSlackApi();
  await api.start();
  let rateLimited = 0;
  const adapter = createSlackAdapter({
    bot: base.bot,
    config: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, appToken: undefined, apiUrl: api.apiUrl },
    identify: (userId) => identify(base.deps, 'slack', userId),
    deliveries: deliveryLog(base.deps.store, base.clock),
    logger: base.deps.logger,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    onRateLimited: () => rateLimited++,
  });
  const http = await startHttpServer({ port: 0, healthy: async () => true, routes: { 'POST /slack/events': adapter.requestListener! } });
  return {
    ...base,
    api,
    adapter,
    http,
    slackId,
    rateLimited: () => rateLimited,
    async post(request, sign = {}) {
      const headers: Record<string, string> = {
        'content-type': request.contentType,
        ...(sign.unsigned ? {} : slackSignature(sign.secret ?? SIGNING_SECRET, request.body, sign.timestamp)),
        ...request.extraHeaders,
      };
      const res = await fetch(`http://127.0.0.1:${http.port}/slack/events`, { method: 'POST', headers, body: request.body });
      const text = await res.text();
      let json: any = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      // An inline answer (a slash command's ack body) is a message too: Slack shows an error for one it refuses.
      if (json && typeof json === 'object' && !json.response_action && (json.blocks || json.text)) api.refuse('ack', json);
      // An options load answer (a company picker's list) is checked as Slack checks it.
      if (json && typeof json === 'object' && Array.isArray(json.options)) api.refuseOptions(json);
      return { status: res.status, text, json };
    },
    async close() {
      await http.close();
      await api.stop();
      await base.close();
      api.assertNothingRefused();
    },
  };
}
