import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { PROCESS_TIMEOUT, removeTempDirs, runScript, startScript, tempDir } from '../support/bot-process.ts';
import { feishuSalesOrg } from '../support/feishu-sales-org.ts';

/**
 * Fault: the process sending a reminder to 150 people is killed (SIGKILL)
 * half-way. What the job queued is in the outbox, in one transaction with the
 * job's own record; the next run after the dead run's lease finds the rest and
 * sends it. Feishu drops a create whose uuid it has seen, so nobody gets the
 * reminder twice.
 */

const PEOPLE = 150;
/** The outbox dispatcher's lease on the rows it claims (src/jobs/outbox-dispatcher.ts). */
const LEASE_MS = 60_000;
const api = new FakeFeishuApi();
beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  removeTempDirs();
});

describe('a job killed while it sends a reminder to 150 people', () => {
  it('leaves the rest to the next run: every one of the 150 gets the reminder, nobody twice', async () => {
    const dir = tempDir('fan-out-');
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const env = {
      DATA_DIR: dataDir,
      DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
      ORG_FILE: feishuSalesOrg(dir, PEOPLE),
      FEISHU_APP_ID: 'cli_fan_out',
      FEISHU_APP_SECRET: 'secret',
      FEISHU_MODE: 'webhook',
      FEISHU_ENCRYPT_KEY: 'k',
      FEISHU_VERIFICATION_TOKEN: 'v',
      FEISHU_DOMAIN: api.baseUrl,
    };
    const kickOff = ['daily-leads-morning', '--at', '2026-12-01T09:00:00+08:00'];

    const first = startScript('src/cli/job.ts', env, kickOff);
    const deadline = Date.now() + PROCESS_TIMEOUT;
    while (api.messages().length < 40) {
      if (Date.now() > deadline) throw new Error(`the first run sent ${api.messages().length} of the 40 messages awaited before the kill within ${PROCESS_TIMEOUT} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    expect((await first.finished).signal).toBe('SIGKILL');
    const beforeRestart = new Set(api.messages().map((m) => m.body.receive_id)).size;
    expect(beforeRestart).toBeGreaterThanOrEqual(40);
    expect(beforeRestart).toBeLessThan(PEOPLE);

    // The rows the killed run held stay its own for the dispatcher's lease (60 s, renewed before each
    // send, so that a slow send is never taken over and sent twice); the next run after it sends them.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 1000));
    const next = await runScript('src/cli/job.ts', env, [], ['daily-leads-morning', '--at', '2026-12-01T09:02:00+08:00']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('queued 0');

    const received = api.messages().map((m) => m.body.receive_id as string);
    const sales = received.filter((id) => id.startsWith('ou_s'));
    expect(new Set(sales).size).toBe(PEOPLE);
    expect(sales).toHaveLength(PEOPLE);
  }, 4 * PROCESS_TIMEOUT);
});
