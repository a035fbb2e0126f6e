import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../src/views/view.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

const notice: View = { tone: 'info', title: '提醒', blocks: [{ type: 'text', text: '今天还差 2 家线索。' }] };

describe('messages to other people on Slack', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it("go to the person's DM: conversations.open, then chat.postMessage", async () => {
    await f.adapter.sendTo(f.person('lisi'), notice);
    const [open] = f.api.callsOf('conversations.open');
    const [post] = f.api.callsOf('chat.postMessage');
    expect(open!.args.users).toBe(f.slackId('lisi'));
    expect(post!.args.channel).toBe(`D_${f.slackId('lisi')}`);
    expect(post!.args.text).toContain('提醒');
  });

  it('wait out a 429 for its Retry-After, then arrive once; the 429 is counted for /metrics', async () => {
    f.api.calls.length = 0;
    const counted = f.rateLimited();
    f.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(f.api.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage!429', 'chat.postMessage']);
    expect(f.rateLimited() - counted).toBe(1);
  });

  it('are retried after a 500 and arrive once', async () => {
    f.api.calls.length = 0;
    f.api.failNext('chat.postMessage', { status: 500 });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage!500', 'chat.postMessage']);
  });

  it('are retried after the connection is cut before any answer, and arrive once', async () => {
    f.api.calls.length = 0;
    f.api.failNext('chat.postMessage', { status: 'reset' });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage!reset', 'chat.postMessage']);
  });

  it('are retried when no answer comes within the client timeout (10 s), and arrive once', async () => {
    f.api.calls.length = 0;
    f.api.failNext('chat.postMessage', { status: 'hang' });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage!hang', 'chat.postMessage']);
  }, 30_000);

  it('fail loudly, not silently, when the platform keeps failing', async () => {
    f.api.calls.length = 0;
    f.api.failNext('chat.postMessage', { status: 500 }, 5);
    await expect(f.adapter.sendTo(f.person('lisi'), notice)).rejects.toThrow();
    expect(f.api.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('need a Slack id', async () => {
    await expect(f.adapter.sendTo({ ...f.person('lisi'), slackId: null }, notice)).rejects.toThrow(/no Slack id/);
  });
});

describe('which Slack failures the outbox gives up on', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it('gives up when the person or the DM is gone, and retries a server fault', () => {
    const { isPermanent, canReach } = f.adapter.deliverer;
    expect(isPermanent({ data: { error: 'user_not_found' } })).toBe(true);
    expect(isPermanent({ data: { error: 'account_inactive' } })).toBe(true);
    expect(isPermanent(new Error('An HTTP protocol error occurred: statusCode = 500'))).toBe(false);
    expect(canReach({ ...f.person('lisi'), slackId: null })).toBe(false);
  });
});
