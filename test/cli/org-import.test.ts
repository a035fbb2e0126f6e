import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/connect.ts';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm run org -- import FILE`, as an admin runs it (tsx on the CLI's entry point). */
async function orgImport(dataDir: string, file: string) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/org.ts', 'import', file], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('npm run org -- import', () => {
  it('loads an org file into the embedded database and reports what changed, then updates it in place', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'org-import-'));
    const first = await orgImport(dataDir, 'examples/org.yaml');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/16 people in 3 regions; 16 added, 0 updated, 0 deactivated/);

    const smaller = join(dataDir, 'org.yaml');
    writeFileSync(
      smaller,
      'regions: [华东]\npeople:\n  - {id: wangwu, name: 王五, role: department_manager, region: 华东}\n  - {id: zhangsan, name: 张三丰, role: sales, region: 华东, manager: wangwu}\n',
    );
    const second = await orgImport(dataDir, smaller);
    expect(second.stdout).toMatch(/2 people in 1 regions; 0 added, 2 updated, 14 deactivated/);

    const database = openDatabase({ dataDir });
    const zhangsan = await database.db.selectFrom('people').selectAll().where('id', '=', 'zhangsan').executeTakeFirstOrThrow();
    const active = await database.db.selectFrom('people').select('id').where('active', '=', true).execute();
    await database.close();
    expect(zhangsan).toMatchObject({ name: '张三丰', manager_id: 'wangwu' });
    expect(active.map((p) => p.id).sort()).toEqual(['wangwu', 'zhangsan']);
  }, 120_000);

  it('refuses a bad org file with one line naming the person, and changes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'org-import-'));
    const bad = join(dataDir, 'bad.yaml');
    writeFileSync(bad, 'regions: [华东]\npeople:\n  - {id: a, name: A, role: sales, region: 华东, manager: b}\n  - {id: b, name: B, role: sales, region: 华东, manager: a}\n');
    const result = await orgImport(dataDir, bad);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ORG_FILE .*bad\.yaml: .*manager loop: a -> b -> a/);
  }, 120_000);

  it('explains its usage when the verb is missing', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli/org.ts'], { cwd: ROOT }).catch((e) => e);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/usage: npm run org -- import <org\.yaml>/);
  }, 120_000);
});
