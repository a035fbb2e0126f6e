import { randomBytes } from 'node:crypto';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import pg from 'pg';
import { pino } from 'pino';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.ts';
import { createBot } from '../src/bot/bot.ts';
import { chinaCalendar } from '../src/calendar/china-calendar.ts';
import { identify } from '../src/core/identity.ts';
import type { Person } from '../src/core/people.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { Keyring } from '../src/crypto/keyring.ts';
import { startHttpServer, type Handler } from '../src/server.ts';
import { deliveryLog } from '../src/bot/deliveries.ts';
import { importOrg } from '../src/store/import-org.ts';
import { postgresBackend } from '../test/support/test-database.ts';
import { kyselyStore } from '../src/store/kysely-store.ts';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LoadResult } from './load.ts';

/**
 * `/lead` over signed Slack requests against the bot on the real PostgreSQL,
 * beside a bare Bolt app that acks after one insert and one count: how much
 * of Bolt's own speed the policy (the LEAD-2 checks, one statement writing
 * company, encrypted contact and lead, rendering) keeps.
 */
const run = promisify(execFile);
const SECRET = 'bench-signing-secret';
const USERS = 200;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 24);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The open-loop rate at which latency is measured: ten times the peak of a 2,000-person department reporting 5 leads a day each within one hour. */
export const RATE = Number(process.env.BENCH_RATE ?? 100);

/** Each app under both loads: as fast as it answers (capacity), then at RATE (latency). */
export interface AppResult {
  capacity: LoadResult;
  atRate: LoadResult;
}

export async function benchSlackLead(adminUrl: string): Promise<{ bot: AppResult; bare: AppResult }> {
  const database = await postgresBackend(adminUrl).open();
  const url = database.url as string;
  try {
    const people: Person[] = Array.from({ length: USERS }, (_, i) => ({
      id: `sales${i}`,
      name: `销售${i}`,
      role: 'sales',
      region: '华东',
      managerId: null,
      slackId: `U_SALES${i}`,
      feishuId: null,
      locale: null,
      monthlySalaryFen: null,
    }));
    await importOrg(database.db, { regions: ['华东'], people });

    const logger = pino({ level: 'silent' });
    const clock = { now: () => new Date() };
    const deps = {
      store: kyselyStore(database.db, new Keyring(randomBytes(32)), { directoryTtlMs: 10_000 }),
      clock,
      calendar: chinaCalendar(DEFAULT_POLICY.calendar),
      policy: DEFAULT_POLICY,
      timezone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN' as const,
      logger,
    };
    const adapter = createSlackAdapter({
      bot: createBot(deps),
      config: { botToken: 'xoxb-bench', signingSecret: SECRET, appToken: undefined, apiUrl: 'http://127.0.0.1:9/api/' },
      identify: (id) => identify(deps, 'slack', id),
      deliveries: deliveryLog(deps.store, clock),
      logger,
    });
    const bot = await measure(adapter.requestListener!, false, url);

    // The bare app: the same receiver and signature checks, one insert and one count, an ack.
    // The same pool size as the bot (src/store/connect.ts), so the two differ only in what they do per request.
    const pool = new pg.Pool({ connectionString: url, max: 20 });
    // Dropping the database at the end ends idle connections: not an error of the run.
    pool.on('error', () => undefined);
    await pool.query('create table bare_leads (id serial primary key, user_id text not null, text text not null)');
    const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    const bare = new App({ token: 'xoxb-bare', receiver, tokenVerificationEnabled: false, botId: 'B', botUserId: 'U', logLevel: LogLevel.ERROR });
    bare.command('/lead', async ({ command, ack }) => {
      await pool.query('insert into bare_leads (user_id, text) values ($1, $2)', [command.user_id, command.text]);
      const { rows } = await pool.query('select count(*) from bare_leads where user_id = $1', [command.user_id]);
      await ack({ response_type: 'ephemeral', text: `saved ${rows[0].count}` });
    });
    const bareResult = await measure(receiver.requestListener, true, url);
    await pool.end();
    return { bot, bare: bareResult };
  } finally {
    await database.close();
  }
}

/**
 * Throughput and latency, and the CPU time each request cost the serving
 * process and PostgreSQL: on a shared two-core machine the CPU times stay
 * comparable when the throughput does not.
 */
async function measure(listener: Handler, bare: boolean, databaseUrl: string): Promise<AppResult> {
  const http = await startHttpServer({ port: 0, healthy: async () => true, routes: { 'POST /slack/events': listener } });
  try {
    const settings = { url: `http://127.0.0.1:${http.port}/slack/events`, secret: SECRET, users: USERS, connections: CONNECTIONS, seconds: SECONDS, bare };
    // A second of load first, unmeasured, for both apps alike: V8 compiles the hot paths, pools open their connections.
    await load({ ...settings, first: 2_000_000, seconds: 1 }, databaseUrl);
    const capacity = await load({ ...settings, first: 0 }, databaseUrl);
    const atRate = await load({ ...settings, first: 1_000_000, rate: RATE }, databaseUrl);
    return { capacity, atRate };
  } finally {
    await http.close();
  }
}

/** One run of the load worker, with the CPU time each request cost this process and PostgreSQL. */
async function load(settings: Record<string, unknown>, databaseUrl: string): Promise<LoadResult> {
  const processBefore = process.cpuUsage();
  const databaseBefore = await databaseCpuMs(databaseUrl);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-worker.ts', import.meta.url))], {
    env: { ...process.env, LOAD_SETTINGS: JSON.stringify(settings) },
  });
  const processUsed = process.cpuUsage(processBefore);
  const databaseAfter = await databaseCpuMs(databaseUrl);
  const result = JSON.parse(stdout) as LoadResult;
  let databaseMs = 0;
  for (const [pid, ms] of databaseAfter) databaseMs += ms - (databaseBefore.get(pid) ?? 0);
  return {
    ...result,
    processCpuMsPerRequest: (processUsed.user + processUsed.system) / 1000 / result.requests,
    databaseCpuMsPerRequest: databaseMs / result.requests,
  };
}

/** CPU milliseconds so far of each PostgreSQL backend connected to the bench database (from /proc: the server is local). */
async function databaseCpuMs(databaseUrl: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const ticksPerMs = 100 / 1000;
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
      const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields) cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs);
    }
    return cpu;
  } finally {
    await client.end();
  }
}
