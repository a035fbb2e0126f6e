import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { botFixture, TEST_KEY, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const PHONE = '+8613912345678';
const EMAIL = 'secret.buyer@qingdao-port.example';
const CONTACT = '赵秘密';

/** Every row of every table of ours, as text: what a dump of the data holds. */
async function everyRowAsText(f: BotFixture): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(f.database.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: unknown }>`select row_to_json(t) as row from ${sql.table(table_name)} t`.execute(f.database.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

describe.each(backends)('client contact data at rest on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const saved = await reportLead(f.deps, f.as('zhangsan'), {
      company: '青岛港湾机械',
      contactName: CONTACT,
      phone: PHONE,
      email: EMAIL,
      size: '1000人',
      position: '行业龙头',
      region: null,
      creditCode: null,
      source: null,
    });
    if (!saved.ok) throw new Error(saved.code);
  });
  afterAll(() => f.close());

  it('stores no phone number, e-mail or contact name in plain text anywhere', async () => {
    const dump = await everyRowAsText(f);
    expect(dump).toContain('青岛港湾机械');
    for (const secret of [PHONE, '13912345678', EMAIL, 'secret.buyer', CONTACT]) expect(dump).not.toContain(secret);
  });

  it('writes the key id beside each encrypted value', async () => {
    const row = await f.database.db.selectFrom('contacts').selectAll().executeTakeFirstOrThrow();
    expect(row.key_id).toBe(f.keyring.currentId);
    expect(row.phone_enc?.split('.')[1]).toBe(f.keyring.currentId);
  });

  it('still reads and finds values written under a key that has since been rotated', async () => {
    const rotated = new Keyring(Buffer.alloc(32, 9), [TEST_KEY]);
    const store = kyselyStore(f.database.db, rotated);
    // The blind index of the old key still finds the phone: another company with it is refused.
    const again = await reportLead({ ...f.deps, store }, f.as('zhangsan'), {
      company: '另一家公司',
      contactName: '钱某',
      phone: PHONE,
      email: null,
      size: '10人',
      position: '一般',
      region: null,
      creditCode: null,
      source: null,
    });
    expect(again).toMatchObject({ ok: false, code: 'contact_owned' });
    const company = await f.database.db.selectFrom('companies').select('id').where('name', '=', '青岛港湾机械').executeTakeFirstOrThrow();
    const contact = await store.direct((tx) => tx.companies.contactOf(company.id));
    expect(contact).toEqual({ name: CONTACT, phone: PHONE, email: EMAIL });
  });

  it.runIf(backend.name === 'postgres' && hasPgDump())('leaves no contact data in a pg_dump of the database', async () => {
    const url = await sql<{ db: string }>`select current_database() as db`.execute(f.database.db);
    const base = new URL(process.env.TEST_DATABASE_URL!);
    base.pathname = `/${url.rows[0]!.db}`;
    const dump = execFileSync('pg_dump', ['--data-only', base.toString()], { encoding: 'utf8' });
    expect(dump).toContain('青岛港湾机械');
    for (const secret of ['13912345678', EMAIL, CONTACT]) expect(dump).not.toContain(secret);
  });
});

function hasPgDump(): boolean {
  try {
    execFileSync('pg_dump', ['--version']);
    return true;
  } catch {
    return false;
  }
}
