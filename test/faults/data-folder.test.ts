import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderBusyError, holdDataFolder } from '../../src/store/data-folder-lock.ts';
import { lines, PROCESS_TIMEOUT, removeTempDirs, runScript, startBot, startScript, tempDir } from '../support/bot-process.ts';

/**
 * Fault: the embedded database (PGlite) opened by two processes at once. It
 * has no server to arbitrate, so the second process must be refused before
 * it touches the folder, whatever the order of starts, stops and kills.
 */

afterAll(removeTempDirs);

const LOCK = 'pglite.lock';
const lead = (company: string, phone: string) => `/lead ${company} contact:王经理 phone:${phone} size:200人 position:区域龙头`;
const dataFolder = () => {
  const dir = join(tempDir('data-folder-'), 'data');
  mkdirSync(dir, { recursive: true });
  return dir;
};
const env = (dataDir: string) => ({ DATA_DIR: dataDir, PORT: '0' });

/** A refusal: exit code 1 and one line that names the folder's holder by pid and says what to do. */
function expectRefusedByHolder(result: { code: number | null; stderr: string }, holderPid: number) {
  expect(result.code, result.stderr).toBe(1);
  expect(lines(result.stderr), result.stderr).toHaveLength(1);
  expect(result.stderr).toContain('DATA_DIR: ');
  expect(result.stderr).toContain(`pid ${holderPid}`);
  expect(result.stderr).toContain('DATABASE_URL');
}

describe('a second process on the same DATA_DIR', () => {
  it('is refused at once, npm start and every operator command alike, and the first bot keeps everything it saved', async () => {
    const dataDir = dataFolder();
    const first = startBot(env(dataDir));
    first.type([lead('杭州云栖数据有限公司', '13800130001')]);
    await first.printed('线索已保存');
    const holder = first.child.pid!;

    const second = await runScript('src/main.ts', env(dataDir), [lead('南京紫金软件有限公司', '13800130002')]);
    expectRefusedByHolder(second, holder);
    expect(second.stdout).not.toContain('线索已保存');
    for (const [script, args] of [
      ['src/cli/job.ts', ['daily-leads-nudge']],
      ['src/cli/outbox.ts', ['status']],
      ['src/cli/org.ts', ['import', 'examples/org.yaml']],
    ] as const) {
      expectRefusedByHolder(await runScript(script, env(dataDir), [], [...args]), holder);
    }

    // The first bot was not disturbed: it still answers, with its lead, and leaves the folder free.
    first.type(['/leads']);
    first.endInput();
    const done = await first.finished;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout.slice(done.stdout.lastIndexOf('ℹ 今日线索'))).toContain('杭州云栖数据有限公司');
    expect(existsSync(join(dataDir, LOCK))).toBe(false);

    const after = await runScript('src/main.ts', env(dataDir), ['/leads']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('杭州云栖数据有限公司');
    expect(after.stdout).not.toContain('南京紫金软件有限公司');
  }, 4 * PROCESS_TIMEOUT);

  it('gets the folder after the holder was killed with SIGKILL, with every lead the killed bot had confirmed', async () => {
    const dataDir = dataFolder();
    const first = startBot(env(dataDir));
    first.type([lead('合肥高新光电有限公司', '13800130003')]);
    await first.printed('线索已保存');
    first.child.kill('SIGKILL');
    expect((await first.finished).signal).toBe('SIGKILL');
    expect(existsSync(join(dataDir, LOCK))).toBe(true);

    const next = await runScript('src/main.ts', env(dataDir), ['/leads']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('合肥高新光电有限公司');
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  }, 3 * PROCESS_TIMEOUT);

  it('two bots started at the same moment on a new folder: one runs, the other is refused naming it', async () => {
    const dataDir = dataFolder();
    const [a, b] = [startBot(env(dataDir)), startBot(env(dataDir))];
    const results = await Promise.all(
      [a, b].map(async (bot) => {
        // A refused bot ends without ever showing the chat.
        const outcome = await bot.printed('你现在是').then(() => 'chat' as const, () => 'ended' as const);
        bot.type(['/leads']);
        bot.endInput();
        return { outcome, finished: await bot.finished, pid: bot.child.pid! };
      }),
    );
    const chat = results.filter((r) => r.outcome === 'chat');
    const refused = results.filter((r) => r.outcome === 'ended');
    expect(chat).toHaveLength(1);
    expect(chat[0]!.finished.code).toBe(0);
    expect(refused).toHaveLength(1);
    expectRefusedByHolder(refused[0]!.finished, chat[0]!.pid);
  }, 3 * PROCESS_TIMEOUT);
});

describe('the data folder lock', () => {
  it('lets exactly one of six processes racing over a stale lock take the folder', async () => {
    const dataDir = dataFolder();
    writeFileSync(join(dataDir, LOCK), JSON.stringify({ pid: 999_999_999, command: 'npm start', since: '2026-12-01T00:00:00Z', startTicks: '1' }));
    const racers = Array.from({ length: 6 }, () => startScript('test/faults/hold-data-folder.ts', { DATA_DIR: dataDir }));
    const said = await Promise.all(racers.map((r) => r.printed('held').then(() => 'held', async () => (await r.finished).stdout.trim())));
    expect(said.filter((s) => s === 'held')).toHaveLength(1);
    const holder = racers[said.indexOf('held')]!.child.pid!;
    for (const refusal of said.filter((s) => s !== 'held')) expect(refusal).toContain(`pid ${holder}`);
    for (const r of racers) r.endInput();
    await Promise.all(racers.map((r) => r.finished));
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  }, PROCESS_TIMEOUT);

  it('refuses while the process it names is alive, and takes the folder over once it is gone', async () => {
    const dataDir = dataFolder();
    const other = spawn('sleep', ['60']);
    try {
      writeFileSync(join(dataDir, LOCK), JSON.stringify({ pid: other.pid, command: 'npm start', since: '2026-12-01T08:00:00Z', startTicks: null }));
      expect(() => holdDataFolder(dataDir, 'test')).toThrow(DataFolderBusyError);
      expect(() => holdDataFolder(dataDir, 'test')).toThrow(`pid ${other.pid}, npm start, since 2026-12-01T08:00:00Z`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const release = holdDataFolder(dataDir, 'test');
    expect(JSON.parse(readFileSync(join(dataDir, LOCK), 'utf8'))).toMatchObject({ pid: process.pid, command: 'test' });
    release();
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  });

  it('does not take a reused pid for the holder: a live process that started later than the holder did is not it', () => {
    const dataDir = dataFolder();
    // The parent of this test process is alive, but it did not start at clock tick 1.
    writeFileSync(join(dataDir, LOCK), JSON.stringify({ pid: process.ppid, command: 'npm start', since: '2026-11-30T08:00:00Z', startTicks: '1' }));
    const release = holdDataFolder(dataDir, 'test');
    release();
  });

  it('takes over a lock naming its own pid, as a container restarting its bot as pid 1 finds it', () => {
    const dataDir = dataFolder();
    writeFileSync(join(dataDir, LOCK), JSON.stringify({ pid: process.pid, command: 'npm start', since: '2026-11-30T08:00:00Z', startTicks: '1' }));
    holdDataFolder(dataDir, 'test')();
  });

  it('a release never removes a lock that another process holds by now', () => {
    const dataDir = dataFolder();
    const release = holdDataFolder(dataDir, 'test');
    const someoneElse = JSON.stringify({ pid: process.ppid, command: 'npm start', since: '2026-12-01T09:00:00Z', startTicks: null });
    writeFileSync(join(dataDir, LOCK), someoneElse);
    release();
    expect(readFileSync(join(dataDir, LOCK), 'utf8')).toBe(someoneElse);
  });
});
