import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../src/calendar/china-calendar.ts';
import { loadPolicy } from '../../src/config/policy-file.ts';
import { localDate } from '../../src/core/time.ts';
import { freePort, healthz, lines, PROCESS_TIMEOUT, removeTempDirs, runScript, startBot, tempDir as makeTempDir, type Finished } from '../support/bot-process.ts';

/**
 * `npm start` as a newcomer runs it: the real entry point in a child process,
 * no database server, no platform credentials, typing into its stdin.
 */

const tempDir = () => makeTempDir('npm-start-');
afterAll(removeTempDirs);
const start = startBot;
const run = (env: Record<string, string>, input: string[] = [], args: string[] = []) => runScript('src/main.ts', env, input, args);

const count = (text: string, part: string) => text.split(part).length - 1;

/** A start-up failure: exit code 1, one line on stderr, no stack trace, no chat. */
function expectOneLineFailure(result: Finished): string {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toContain('控制台');
  expect(lines(result.stderr), result.stderr).toHaveLength(1);
  return result.stderr.trim();
}

const COMPANIES = ['杭州云栖数据有限公司', '南京紫金软件有限公司', '合肥高新光电有限公司', '苏州工业园精密有限公司', '宁波北仑港机有限公司'];
const leadCommands = COMPANIES.map(
  (company, i) => `/lead ${company} contact:王经理 phone:1380013${String(i).padStart(4, '0')} size:200人 position:区域龙头`,
);

/** Whether the bot, on the real clock, gives the daily target today (it is 0 on rest days). */
function todayIsWorkingDay(): boolean {
  return chinaCalendar(loadPolicy(undefined).calendar).isWorkingDay(localDate(new Date(), 'Asia/Shanghai'));
}

describe('npm start with nothing configured: the console chat on the embedded database', () => {
  const dataDir = join(tempDir(), 'data');
  let first: Finished;
  let health: { status: number; body: string };
  let workingDay: boolean;

  beforeAll(async () => {
    const port = await freePort();
    workingDay = todayIsWorkingDay();
    const started = start({ DATA_DIR: dataDir, PORT: String(port) });
    let exited = false;
    void started.finished.finally(() => (exited = true)).catch(() => {});
    started.type([...leadCommands, '/leads']);
    try {
      health = await healthz(port, () => exited);
    } finally {
      started.endInput();
    }
    first = await started.finished;
  }, 2 * PROCESS_TIMEOUT);

  it('saves five leads typed on stdin and exits 0 at the end of input', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('你现在是 张三（zhangsan，销售）');
    expect(count(first.stdout, '线索已保存')).toBe(5);
    if (workingDay) {
      expect(first.stdout).toContain('今日进度 5/5');
      expect(count(first.stdout, '🎉 今日目标达成')).toBe(1);
    } else {
      expect(first.stdout).toContain('今天已记录 5 家');
    }
    const list = first.stdout.slice(first.stdout.lastIndexOf('ℹ 今日线索'));
    for (const company of COMPANIES) expect(list).toContain(company);
    expect(first.stdout.trimEnd().endsWith('再见。')).toBe(true);
  });

  it('keeps the terminal for the chat: the logs go to bot.log in DATA_DIR, not to stdout or stderr', () => {
    expect(first.stdout).not.toContain('"level"');
    expect(first.stderr).not.toContain('"level"');
    expect(readFileSync(join(dataDir, 'bot.log'), 'utf8')).toContain('"msg":"started"');
  });

  it('generates data.key in DATA_DIR, readable by its owner only, and warns about it on stderr', () => {
    const keyFile = join(dataDir, 'data.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(first.stderr).toContain('已生成数据加密密钥');
    expect(first.stderr).toContain(keyFile);
    expect(lines(first.stderr)).toHaveLength(1);
  });

  it('answers GET /healthz with 200 {"status":"ok"} while the chat runs', () => {
    expect(health.status).toBe(200);
    // The calendar's coverage rides beside the status (which is the database's alone).
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', calendar: { knownThrough: expect.any(Number), unknownYears: expect.any(Array) } });
  });

  it('keeps the five leads across a restart on the same DATA_DIR, with the same key and no new warning', async () => {
    const keyBefore = readFileSync(join(dataDir, 'data.key'), 'utf8');
    const second = await run({ DATA_DIR: dataDir, PORT: '0' }, ['/leads']);
    expect(second.code, second.stderr).toBe(0);
    const list = second.stdout.slice(second.stdout.indexOf('ℹ 今日线索'));
    for (const company of COMPANIES) expect(list).toContain(company);
    expect(list).toContain(workingDay ? '今日进度 5/5' : '今天已记录 5 家');
    expect(second.stderr).not.toContain('已生成数据加密密钥');
    expect(readFileSync(join(dataDir, 'data.key'), 'utf8')).toBe(keyBefore);
  }, PROCESS_TIMEOUT);
});

describe('npm start when another program holds PORT', () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  const key = Buffer.alloc(32, 9).toString('base64');

  it('runs the console chat all the same, without /healthz, and says so in bot.log', async () => {
    const dataDir = join(tempDir(), 'data');
    const result = await run({ DATA_DIR: dataDir, PORT: String(port), DATA_KEY: key }, ['/leads']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('ℹ 今日线索');
    expect(readFileSync(join(dataDir, 'bot.log'), 'utf8')).toContain('"msg":"port in use: /healthz is not served"');
  }, PROCESS_TIMEOUT);

  it('does not start a platform bot, whose events would have nowhere to land', async () => {
    const result = await run({ DATA_DIR: join(tempDir(), 'data'), PORT: String(port), DATA_KEY: key, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EADDRINUSE');
  }, PROCESS_TIMEOUT);
});

describe('npm start refuses to start half-configured, with one line and exit code 1', () => {
  it('an org file with a manager loop names the people in the loop', async () => {
    const dir = tempDir();
    const orgFile = join(dir, 'org.yaml');
    writeFileSync(
      orgFile,
      [
        'regions: [华东]',
        'people:',
        '  - { id: alice, name: Alice, role: sales, region: 华东, manager: bob }',
        '  - { id: bob, name: Bob, role: regional_manager, region: 华东, manager: carol }',
        '  - { id: carol, name: Carol, role: department_manager, region: 华东, manager: alice }',
        '',
      ].join('\n'),
    );
    const result = await run({ DATA_DIR: join(dir, 'data'), PORT: '0', ORG_FILE: orgFile });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^ORG_FILE/);
    expect(result.stderr).toContain('manager loop');
    for (const id of ['alice', 'bob', 'carol']) expect(result.stderr).toContain(id);
    expectOneLineFailure(result);
  }, PROCESS_TIMEOUT);

  it('a malformed DATA_KEY in the console stops with a line that starts with DATA_KEY: and nothing after it', async () => {
    const dir = tempDir();
    const result = await run({ DATA_DIR: join(dir, 'data'), PORT: '0', DATA_KEY: 'abc' });
    const line = expectOneLineFailure(result);
    expect(line).toMatch(/^DATA_KEY: /);
    expect(line).not.toContain('abc');
  }, PROCESS_TIMEOUT);

  it('DATABASE_URL without DATA_KEY stops with a line that starts with DATA_KEY:', async () => {
    const dir = tempDir();
    const result = await run({ DATA_DIR: join(dir, 'data'), PORT: '0', DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' });
    const line = expectOneLineFailure(result);
    expect(line).toMatch(/^DATA_KEY: /);
    expect(line).toContain('DATABASE_URL');
    // Nothing was written on the way out.
    expect(existsSync(join(dir, 'data', 'data.key'))).toBe(false);
  }, PROCESS_TIMEOUT);

  it('BOT_LOCALE=fr names BOT_LOCALE and the languages it accepts', async () => {
    const dir = tempDir();
    const result = await run({ DATA_DIR: join(dir, 'data'), PORT: '0', BOT_LOCALE: 'fr' });
    const line = expectOneLineFailure(result);
    expect(line).toMatch(/^BOT_LOCALE: /);
    expect(line).toContain('zh-CN');
    expect(line).toContain('en');
  }, PROCESS_TIMEOUT);

  it('--as nobody names the person who is not in the directory', async () => {
    const dir = tempDir();
    const result = await run(
      { DATA_DIR: join(dir, 'data'), PORT: '0', DATA_KEY: Buffer.alloc(32, 9).toString('base64') },
      ['/leads'],
      ['--as', 'nobody'],
    );
    const line = expectOneLineFailure(result);
    expect(line).toMatch(/^--as: /);
    expect(line).toContain('nobody');
  }, PROCESS_TIMEOUT);
});
