import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { personById } from '../../src/core/identity.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { csv, QCC_HEADER, qccRow } from './import-files.ts';

/** `/import leads <path>` at the console: the file read from disk, the summary printed, the refused rows written beside the file. */

let f: BotFixture;
beforeAll(async () => {
  f = await botFixture(pgliteBackend);
});
afterAll(() => f?.close());

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runConsoleChat({ bot: f.bot, findPerson: (id) => personById(f.deps, id), knownIds: ['zhangsan'], startAs: 'zhangsan', input, output });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return printed;
}

describe('importing leads at the console', () => {
  it('imports the file at the path, prints the summary and writes the refused rows beside it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'import-'));
    const path = join(folder, '线索.csv');
    await writeFile(path, csv([QCC_HEADER, qccRow('控制台导入一号有限公司', { phone: '13812347001' }), qccRow('控制台导入二号有限公司', { phone: 'abc' })]));
    const text = await chat([`/导入 线索 ${path}`, '/import leads', `/import leads ${join(folder, 'missing.csv')}`]);
    expect(text).toContain('导入完成：线索.csv');
    expect(text).toMatch(/已录入: 1/u);
    const refusedPath = join(folder, '线索-refused.csv');
    expect(text).toContain(refusedPath);
    const refused = await readFile(refusedPath, 'utf8');
    expect(refused.startsWith('\uFEFF"行号"')).toBe(true);
    expect(refused).toContain('控制台导入二号有限公司');
    // Without a path the console says how to give one; a path that is not there is named.
    expect(text).toContain('/导入 线索 <路径>');
    expect(text).toContain('ENOENT');
    const saved = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', 'like', '控制台导入%').execute();
    expect(saved).toEqual([{ owner_id: 'zhangsan' }]);
  });
});
