import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/store/connect.ts';
import { sendBudgetRepo } from '../../src/store/send-budget-repo.ts';
import { backends } from '../support/test-database.ts';

/**
 * One Feishu app's limits are shared by every process: two instances (two
 * connection pools on one PostgreSQL; one PGlite is one process) take their
 * slots from the same row, and the slots they get never put more than the
 * limit in any sliding second or minute. Only the slots are checked (taking
 * one does not wait), so the test takes no minute to run.
 */
const maxInWindow = (slots: number[], windowMs: number): number => {
  const sorted = [...slots].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe.each(backends)('the shared send budget on $name', (backend) => {
  let opened: (OpenedDatabase & { url?: string }) | undefined;
  let second: OpenedDatabase | undefined;
  afterEach(async () => {
    await second?.close();
    await opened?.close();
    opened = second = undefined;
  });

  it('two instances sending at once stay within 48 a second and 1,000 a minute together', async () => {
    opened = await backend.open();
    const other = opened.url ? (second = openDatabase({ databaseUrl: opened.url, dataDir: 'unused' })) : opened;
    const instances = [sendBudgetRepo(opened.db), sendBudgetRepo(other.db)];
    const limits = { perSecond: 48, perMinute: 1000 };
    const slots: number[] = [];
    // Each instance sends 550 in parallel streams of 5, as an outbox batch and the replies would.
    await Promise.all(
      instances.flatMap((budget) =>
        Array.from({ length: 5 }, async () => {
          for (let i = 0; i < 110; i++) slots.push((await budget.reserve('feishu:cli_app', limits)).slot);
        }),
      ),
    );
    expect(slots).toHaveLength(1100);
    expect(maxInWindow(slots, 1000)).toBeLessThanOrEqual(48);
    expect(maxInWindow(slots, 60_000)).toBeLessThanOrEqual(1000);
    // The 48-a-second pace is used, not wasted: the first thousand fit in about 21 s, the rest wait for the minute.
    const sorted = [...slots].sort((a, b) => a - b);
    expect(sorted[999]! - sorted[0]!).toBeLessThan(25_000);
    expect(sorted[1000]! - sorted[0]!).toBeGreaterThanOrEqual(60_000);
  }, 120_000);

  it('one person gets at most 5 a second, whoever sends', async () => {
    opened = await backend.open();
    const other = opened.url ? (second = openDatabase({ databaseUrl: opened.url, dataDir: 'unused' })) : opened;
    const slots = await Promise.all(
      [sendBudgetRepo(opened.db), sendBudgetRepo(other.db)].flatMap((budget) => Array.from({ length: 10 }, async () => (await budget.reserve('feishu:cli_app:to:ou_x', { perSecond: 5 })).slot)),
    );
    expect(maxInWindow(slots, 1000)).toBeLessThanOrEqual(5);
  });
});
