import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.ts';
import { freePort, healthz, PROCESS_TIMEOUT, removeTempDirs, ROOT, tempDir } from '../support/bot-process.ts';

/**
 * Fault: the bot is stopped while it is busy, as a service manager or a
 * container runtime stops it, by sending SIGTERM to the process it started:
 * `npm start` itself. The bot must get the signal, finish what is in flight,
 * and exit; nothing may be left running.
 */

const api = new FakeSlackApi();
/** Bots a failed run may have orphaned, found by the data folder each one holds. */
const dataDirs: string[] = [];
beforeAll(async () => {
  // npm start runs the compiled bot; build what is checked out (incremental: fast when nothing changed).
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  await api.start();
}, PROCESS_TIMEOUT);
afterAll(async () => {
  for (const dir of dataDirs) {
    const lock = join(dir, 'pglite.lock');
    if (existsSync(lock)) process.kill((JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid, 'SIGKILL');
  }
  await api.stop();
  removeTempDirs();
});

type Outcome = ({ status: number } | { error: string }) & { startedAt?: number };

/** One GET on a connection of its own (no keep-alive to race with the server closing it). */
function get(port: number, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

describe('SIGTERM to npm start while requests are coming in', () => {
  it('reaches the bot, which answers every request it accepted, stops taking new ones, releases its data and exits 0 with npm', async () => {
    const dataDir = join(tempDir('stop-'), 'data');
    mkdirSync(dataDir, { recursive: true });
    dataDirs.push(dataDir);
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATA_DIR: dataDir,
        DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_API_URL: api.apiUrl,
        SCHEDULER: 'off',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    npm.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => npm.on('exit', (code) => resolve({ code, at: Date.now() })));
    let gone = false;
    void exited.then(() => (gone = true));
    expect((await healthz(port, () => gone)).status, log).toBe(200);

    // Four clients keep asking until the server no longer takes connections.
    const outcomes: Outcome[] = [];
    let refusedSince: number | null = null;
    const client = async () => {
      for (let i = 0; i < 5000; i++) {
        const startedAt = Date.now();
        const outcome = await get(port, '/healthz');
        outcomes.push({ ...outcome, startedAt });
        if ('error' in outcome && outcome.error === 'ECONNREFUSED') {
          refusedSince ??= Date.now();
          if (Date.now() - refusedSince > 300) return;
        }
      }
    };
    const load = Promise.all([client(), client(), client(), client()]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const signalledAt = Date.now();
    npm.kill('SIGTERM');
    const { code, at } = await exited;
    await load;

    expect(code, log).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    const answered = outcomes.filter((o) => 'status' in o);
    expect(answered.length).toBeGreaterThan(20);
    // Every answer was a real one: no 5xx while stopping.
    expect(answered.filter((o) => 'status' in o && o.status !== 200)).toEqual([]);
    // Every request made before the signal was answered. After it, a connection is refused, or
    // reset when it was still in the kernel's queue as the listener closed (never taken by the bot).
    const failedBefore = outcomes.filter((o) => 'error' in o && (o.startedAt ?? 0) < signalledAt - 50);
    expect(failedBefore).toEqual([]);
    expect(outcomes.filter((o) => 'error' in o && o.error !== 'ECONNREFUSED' && o.error !== 'ECONNRESET')).toEqual([]);
    expect(log).toContain('"msg":"stopping"');
    // The bot itself is gone, not orphaned: its data folder is free and nothing listens any more.
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    expect(await get(port, '/healthz')).toEqual({ error: 'ECONNREFUSED' });
  }, 2 * PROCESS_TIMEOUT);
});
