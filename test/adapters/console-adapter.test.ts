import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import { deliveryLog } from '../../src/bot/deliveries.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { personById } from '../../src/core/identity.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

/**
 * The console as one adapter among the others: started and stopped the way
 * src/main.ts starts and stops Slack and Feishu, its end the bot's end.
 */

let f: BotFixture;
beforeAll(async () => {
  f = await botFixture(pgliteBackend);
});
afterAll(() => f?.close());

function consoleAt(argv: string[] = []) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const adapter = createConsoleAdapter({
    bot: f.bot,
    identify: (id) => personById(f.deps, id),
    deliveries: deliveryLog(f.deps.store, f.clock),
    logger: f.deps.logger,
    knownIds: f.org.people.map((p) => p.id),
    argv,
    orgFile: 'examples/org.yaml',
    input,
    output,
  });
  return { adapter, input, printed: () => printed };
}

const settled = (promise: Promise<void> | undefined) =>
  Promise.race([promise?.then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still running'), 300))]);

describe('the console adapter', () => {
  it('mounts no route, runs without the HTTP server, and prints what the outbox sends to this terminal', async () => {
    const { adapter, printed } = consoleAt();
    expect(adapter.routes).toEqual({});
    expect(adapter.worksWithoutHttp).toBe(true);
    await adapter.deliverer.send(f.person('lisi'), { tone: 'info', blocks: [{ type: 'text', text: 'ping' }] });
    expect(printed()).toContain(`发给 ${f.person('lisi').name}：`);
    expect(printed()).toContain('ping');
  });

  it('starts as the first person of the directory, or as --as names, and ends the bot at the end of its input', async () => {
    const { adapter, input, printed } = consoleAt(['--as', 'lisi']);
    await adapter.start();
    expect(await settled(adapter.ended)).toBe('still running');
    input.write('/leads\n');
    input.end();
    expect(await settled(adapter.ended)).toBe('ended');
    expect(printed()).toContain(`你现在是 ${f.person('lisi').name}（lisi`);
    expect(printed()).toContain('今日线索');
    expect(printed().trimEnd().endsWith('再见。')).toBe(true);
  });

  it('ends the chat when it is stopped, with the input still open', async () => {
    const { adapter, printed } = consoleAt();
    await adapter.start();
    await adapter.stop();
    expect(await settled(adapter.ended)).toBe('ended');
    expect(printed()).toContain(`你现在是 ${f.person(f.org.people[0]!.id).name}`);
  });

  it('refuses to start as nobody, with a ConfigError naming --as and the org file', async () => {
    const { adapter, printed } = consoleAt(['--as', 'nobody']);
    const failure = await adapter.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe('--as: no person "nobody" in examples/org.yaml');
    expect(printed()).toBe('');
    // Stopping an adapter that never started is safe.
    await adapter.stop();
  });
});
