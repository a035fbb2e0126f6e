import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createFeishuAdapter } from '../../adapters/feishu/feishu-adapter.ts';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import type { Bot } from '../../src/bot/face.ts';
import { connectionStates } from '../../src/platforms.ts';

/**
 * /healthz reports the connections the bot receives through when those
 * modes are on: Slack's Socket Mode and Feishu's long connection, as their
 * clients report them; nothing in webhook mode. Nothing here connects to a
 * platform: the states are those before start and those the clients emit.
 */

const bot = {} as Bot;
const context = { bot, identify: async () => null, deliveries: { firstTime: async () => true }, logger: pino({ level: 'silent' }) };
const slack = (appToken: string | undefined) =>
  createSlackAdapter({ ...context, config: { botToken: 'xoxb-test', signingSecret: 'secret', appToken, apiUrl: 'http://127.0.0.1:9/' } });
const feishu = (mode: 'ws' | 'webhook') =>
  createFeishuAdapter({ ...context, config: { appId: `cli_state_${mode}`, appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode, domain: 'http://127.0.0.1:9' } });

describe('the connection states /healthz reports', () => {
  it('follows the Slack socket as its client reports it: disconnected before start, then what it emits', () => {
    const adapter = slack('xapp-test');
    expect(connectionStates([adapter])).toEqual({ connections: { slack: 'disconnected' } });
    // Bolt's SocketModeReceiver holds the socket client; its state events are what the adapter listens to.
    const client = (adapter.app as unknown as { receiver: { client: { emit(event: string): void } } }).receiver.client;
    client.emit('connected');
    expect(connectionStates([adapter])).toEqual({ connections: { slack: 'connected' } });
    client.emit('reconnecting');
    expect(adapter.connection?.()).toBe('reconnecting');
  });

  it("reports Feishu's long connection as the SDK's WSClient sees it (idle before start)", () => {
    expect(connectionStates([feishu('ws')])).toEqual({ connections: { feishu: 'idle' } });
  });

  it('reports nothing in webhook mode, where the bot holds no connection of its own', () => {
    expect(connectionStates([slack(undefined), feishu('webhook')])).toEqual({});
  });
});
