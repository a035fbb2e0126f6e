import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakeSlackApi } from '../test/fakes/slack-api.ts';
import { postgresBackend } from '../test/support/test-database.ts';
import type { LoadResult } from './load.ts';

/**
 * The bot as `npm start` runs it (node on dist/, a Slack app over HTTP, the
 * scheduler off so nothing but the load moves): how long a start takes until
 * GET /healthz answers 200, and its resident memory at rest and under the
 * `/lead` load of bench/slack-lead.ts, on PostgreSQL and on the embedded
 * database (PGlite in DATA_DIR).
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-signing-secret';
const USERS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

export interface Footprint {
  database: 'postgres' | 'pglite';
  /** From spawn to the first 200 of /healthz: on an empty database (migrations), and on a restart. */
  firstStartMs: number;
  restartMs: number;
  /** Resident set size in MB: three seconds after start, the most during the load, and at rest after it. */
  idleMb: number;
  loadPeakMb: number;
  afterLoadMb: number;
  load: LoadResult;
}

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function orgFile(dir: string): string {
  const people = [
    '  - { id: dm, name: 经理, role: department_manager, region: 华东 }',
    ...Array.from({ length: USERS }, (_, i) => `  - { id: sales${i}, name: 销售${i}, role: sales, region: 华东, manager: dm, slack: USALES${i} }`),
  ];
  const file = join(dir, 'org.yaml');
  writeFileSync(file, ['regions: [华东]', 'people:', ...people, ''].join('\n'));
  return file;
}

async function startBot(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot stopped at start: ${stderr}`);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res?.status === 200) return { child, ms: performance.now() - started };
    await sleep(10);
  }
}

async function stopBot(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function measure(database: Footprint['database'], env: Record<string, string>, dir: string, first: number): Promise<Footprint> {
  const port = await freePort();
  const fresh = await startBot(env, port);
  await stopBot(fresh.child);
  const { child, ms: restartMs } = await startBot(env, port);
  try {
    await sleep(3000);
    const idleMb = rssMb(child.pid!);
    let loadPeakMb = idleMb;
    const sampler = setInterval(() => (loadPeakMb = Math.max(loadPeakMb, rssMb(child.pid!))), 100);
    const settings = { url: `http://127.0.0.1:${port}/slack/events`, secret: SECRET, users: USERS, connections: 24, seconds: SECONDS, bare: false, first, userPrefix: 'USALES' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/load-worker.ts')], {
      env: { ...process.env, LOAD_SETTINGS: JSON.stringify(settings) },
    });
    clearInterval(sampler);
    await sleep(3000);
    return { database, firstStartMs: fresh.ms, restartMs, idleMb, loadPeakMb, afterLoadMb: rssMb(child.pid!), load: JSON.parse(stdout) as LoadResult };
  } finally {
    await stopBot(child);
    rmSync(join(dir, 'data'), { recursive: true, force: true });
  }
}

export async function benchFootprint(adminUrl: string): Promise<Footprint[]> {
  // `npm install` builds dist/ (prepare); a checkout that has not been built is built now.
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) await run('npm', ['run', '-s', 'build'], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'bench-footprint-'));
  const slack = new FakeSlackApi();
  await slack.start();
  const database = await postgresBackend(adminUrl).open();
  try {
    const env = {
      DATA_DIR: join(dir, 'data'),
      DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
      ORG_FILE: orgFile(dir),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
    };
    const onPostgres = await measure('postgres', { ...env, DATABASE_URL: database.url! }, dir, 3_000_000);
    const embedded = await measure('pglite', env, dir, 4_000_000);
    return [onPostgres, embedded];
  } finally {
    await database.close();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
