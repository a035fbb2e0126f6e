import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const job = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/job.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0' } });

describe('npm run job', () => {
  it('runs one job as of --at, delivers it, and sends nothing the second time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'job-'));
    const first = await job(dataDir, 'daily-leads-nudge', '--at', '2026-12-01T16:30:00+08:00');
    expect(first.stdout).toContain('📨 发给 张三');
    expect(first.stdout).toContain('今日线索还差 5 家');
    expect(first.stdout).toMatch(/daily-leads-nudge at 2026-12-01T08:30:00.000Z: queued 6; sent 6, failed 0/);
    const second = await job(dataDir, 'daily-leads-nudge', '--at', '2026-12-01T16:30:00+08:00');
    expect(second.stdout).toMatch(/queued 0; sent 0, failed 0/);
    const holiday = await job(dataDir, 'daily-leads-morning', '--at', '2026-10-01T09:00:00+08:00');
    expect(holiday.stdout).toMatch(/queued 0 \(skipped: not_working_day\)/);
    // Three cold starts of the embedded database: generous on a busy 2-core machine.
  }, 180_000);

  it('runs monthly-conversion on the month’s first working day, to the managers, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'job-'));
    const first = await job(dataDir, 'monthly-conversion', '--at', '2026-12-01T09:00:00+08:00');
    expect(first.stdout).toContain('📨 发给 李四');
    expect(first.stdout).toContain('华东 · 2026-11 线索→签约转化率（KPI-7）');
    expect(first.stdout).toMatch(/monthly-conversion at 2026-12-01T01:00:00.000Z: queued 4; sent 4, failed 0/);
    const second = await job(dataDir, 'monthly-conversion', '--at', '2026-12-01T09:00:00+08:00');
    expect(second.stdout).toMatch(/queued 0; sent 0, failed 0/);
  }, 120_000);

  it('names the jobs when the name is wrong, and runs one that finds nothing to send', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'job-'));
    const wrong = await job(dataDir, 'nonsense').catch((e: { code: number; stderr: string }) => e);
    expect((wrong as { code: number }).code).toBe(1);
    expect((wrong as { stderr: string }).stderr).toMatch(/usage: npm run job -- <daily-leads-morning\|daily-leads-nudge\|followups/);
    // With no tickets, sla finds nothing to send.
    const sla = await job(dataDir, 'sla', '--at', '2026-12-01T10:05:00+08:00');
    expect(sla.stdout).toMatch(/sla at 2026-12-01T02:05:00.000Z: queued 0; sent 0, failed 0/);
  }, 120_000);
});
