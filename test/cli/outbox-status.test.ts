import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_FILE } from '../../src/config/env.ts';
import { loadOrgFile } from '../../src/config/org-file.ts';
import { openDatabase } from '../../src/store/connect.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { outboxRepo } from '../../src/store/outbox-repo.ts';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

describe('npm run outbox -- status', () => {
  it('counts what is queued, sent and failed, and says why the failures failed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outbox-status-'));
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db);
    await importOrg(database.db, loadOrgFile(DEFAULT_ORG_FILE));
    const notice = { kind: 'account_manager_assigned' as const, company: '甲', by: '李四' };
    const at = new Date('2026-11-26T02:00:00Z');
    await outboxRepo(database.db).enqueue({ dedupeKey: 'a', personId: 'sunqi', notice }, at);
    await outboxRepo(database.db).enqueue({ dedupeKey: 'b', personId: 'lisi', notice }, at);
    await database.db.updateTable('outbox').set({ status: 'failed', platform: 'slack', last_error: 'user_not_found', attempts: 1 }).where('dedupe_key', '=', 'b').execute();
    await database.close();

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/outbox.ts', 'status'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
    expect(stdout).toContain('outbox: pending 1, sending 0, sent 0, failed 1');
    expect(stdout).toContain('oldest pending since 2026-11-26T02:00:00.000Z');
    expect(stdout).toMatch(/failed #\d+ to lisi via slack after 1 attempt\(s\): user_not_found/);
  }, 120_000);
});
