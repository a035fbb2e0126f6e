import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { openDatabase } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { botFixture, TEST_KEY } from '../support/bot-fixture.ts';
import type { TestBackend } from '../support/test-database.ts';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const NEW_KEY = Buffer.alloc(32, 42);

/** The data folder's database, as the bot would leave it: leads whose contacts are under the old key. */
async function folderWithLeads(dataDir: string, leads: number): Promise<void> {
  const folder: TestBackend = {
    name: 'pglite',
    async open() {
      const opened = openDatabase({ dataDir });
      await migrateToLatest(opened.db);
      return opened;
    },
    openCopy() {
      return this.open();
    },
  };
  const f = await botFixture(folder);
  try {
    for (let i = 0; i < leads; i++) {
      const saved = await reportLead(f.deps, f.as('zhangsan'), {
        company: `命令行轮换${i}号`,
        contactName: '王经理',
        phone: `+86139000011${String(i).padStart(2, '0')}`,
        email: null,
        size: '10人',
        position: '一般',
        region: null,
        creditCode: null,
        source: null,
      });
      if (!saved.ok) throw new Error(saved.code);
    }
  } finally {
    await f.close();
  }
}

describe('npm run keys -- rotate', () => {
  it('re-encrypts under DATA_KEY, prints its progress and says DATA_KEY_PREVIOUS may go once nothing is left under it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keys-rotate-'));
    await folderWithLeads(dataDir, 3);
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DATA_KEY: NEW_KEY.toString('base64'),
      DATA_KEY_PREVIOUS: TEST_KEY.toString('base64'),
    };
    const cli = () => run(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', 'rotate'], { cwd: ROOT, env });
    const newId = new Keyring(NEW_KEY).currentId;
    const oldId = new Keyring(TEST_KEY).currentId;

    const { stdout } = await cli();
    expect(stdout.split('\n')).toEqual([
      `keys: re-encrypting under DATA_KEY (key id ${newId}); DATA_KEY_PREVIOUS reads key id ${oldId}`,
      'contacts: 3 of 3 re-encrypted',
      'keys: contacts 3, held_leads 0 re-encrypted by this run',
      `keys: every row is under key id ${newId}; 0 left under a previous key`,
      'keys: DATA_KEY_PREVIOUS may be removed once every running bot has DATA_KEY set to this key (keep the old key with the backups made before today)',
      '',
    ]);
    const again = await cli();
    expect(again.stdout).toContain('keys: contacts 0, held_leads 0 re-encrypted by this run');

    const database = openDatabase({ dataDir });
    try {
      const ids = await database.db.selectFrom('contacts').select('key_id').execute();
      expect(ids).toEqual([{ key_id: newId }, { key_id: newId }, { key_id: newId }]);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('refuses anything but rotate with its usage', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', 'rotat'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: 'usage: npm run keys -- rotate\n' });
  }, 60_000);
});
