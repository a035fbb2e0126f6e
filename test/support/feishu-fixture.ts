import { randomBytes } from 'node:crypto';
import { createFeishuAdapter, type FeishuAdapter } from '../../adapters/feishu/feishu-adapter.ts';
import { identify } from '../../src/core/identity.ts';
import { startHttpServer, type HttpServer } from '../../src/server.ts';
import { deliveryLog } from '../../src/bot/deliveries.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { signedEvent } from '../fakes/feishu-events.ts';
import { botFixture, type BotFixture } from './bot-fixture.ts';
import type { TestBackend } from './test-database.ts';

export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';

export interface FeishuFixture extends BotFixture {
  api: FakeFeishuApi;
  adapter: FeishuAdapter;
  http: HttpServer;
  openId(personId: string): string;
  /** POSTs an event to /feishu/events, encrypted and signed as Feishu does (or signed with another key). */
  deliver(payload: unknown, opts?: { signWith?: string; timestamp?: number }): Promise<{ status: number; json: any }>;
}

/**
 * The real Lark SDK of the bot in webhook mode on the bot's own server, its
 * Open API pointed at a loopback fake. A fresh app id per fixture, since the
 * SDK caches tenant tokens per app for the whole process.
 */
export async function feishuFixture(backend: TestBackend, options: Parameters<typeof botFixture>[1] = {}): Promise<FeishuFixture> {
  const base = await botFixture(backend, options);
  const openId = (id: string) => base.person(id).feishuId ?? `ou_${id}`;
  await importOrg(base.database.db, { regions: base.org.regions, people: base.org.people.map((p) => ({ ...p, feishuId: openId(p.id) })) });
  const api = new FakeFeishuApi();
  await api.start();
  const adapter = createFeishuAdapter({
    bot: base.bot,
    config: {
      appId: `cli_${randomBytes(6).toString('hex')}`,
      appSecret: 'secret',
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      mode: 'webhook',
      domain: api.baseUrl,
    },
    identify: (id) => identify(base.deps, 'feishu', id),
    deliveries: deliveryLog(base.deps.store, base.clock),
    logger: base.deps.logger,
    retry: { attempts: 3, baseMs: 20 },
    now: () => base.clock.now().getTime(),
  });
  const http = await startHttpServer({ port: 0, healthy: async () => true, routes: { 'POST /feishu/events': adapter.requestListener! } });
  return {
    ...base,
    api,
    adapter,
    http,
    openId,
    async deliver(payload, opts = {}) {
      const { body, headers } = signedEvent(ENCRYPT_KEY, payload, opts);
      const res = await fetch(`http://127.0.0.1:${http.port}/feishu/events`, { method: 'POST', headers, body });
      const text = await res.text();
      const json = text ? JSON.parse(text) : null;
      // A card returned from card.action.trigger replaces the one on screen: Feishu checks it like a sent card.
      if (json?.card?.type === 'raw') api.refuse('card.action.trigger answer', json.card.data);
      return { status: res.status, json };
    },
    async close() {
      await http.close();
      await api.stop();
      await base.close();
      api.assertNothingRefused();
    },
  };
}
