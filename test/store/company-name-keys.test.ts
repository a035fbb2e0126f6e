import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { findClient } from '../../src/core/clients/find-client.ts';
import { NAME_KEY_VERSION } from '../../src/core/leads/company-name.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { migrateToLatest, migrationFiles } from '../../src/store/migrate.ts';
import { rekeyCompanyNames } from '../../src/store/rekey-company-names.ts';
import { loadOrgFile } from '../../src/config/org-file.ts';
import { DEFAULT_ORG_FILE } from '../../src/config/env.ts';
import { backends } from '../support/test-database.ts';

const MIGRATION = '2026_12_01_120000_flag_company_duplicates';

describe.each(backends)('stored company name keys (LEAD-2) on $name', (backend) => {
  let database: OpenedDatabase;
  beforeEach(async () => {
    database = await backend.open();
    await importOrg(database.db, loadOrgFile(DEFAULT_ORG_FILE));
  });
  afterEach(() => database.close());

  const company = (name: string, normName: string, creditCode: string | null, ownerId = 'zhangsan') => ({
    name, norm_name: normName, credit_code: creditCode, region: '华东', owner_id: ownerId, size: '1', position: '1', created_at: new Date(),
  });
  const rows = () => database.db.selectFrom('companies').select(['id', 'name', 'norm_name', 'duplicate_of', 'duplicate_flag']).orderBy('id').execute();

  it('re-keys names stored under the older normalisation, keeps every row, and flags the newer of two that now share a name', async () => {
    // As version 1 keyed them: three spellings of one Shanghai company, three keys.
    await database.db.updateTable('settings').set({ value: '1' }).where('key', '=', 'company_name_key_version').execute();
    await database.db
      .insertInto('companies')
      .values([
        company('华信科技（上海）有限公司', '华信科技上海', null),
        company('上海華信科技有限公司', '上海華信科技', null, 'zhaoliu'),
        company('上海华信科技', '上海华信科技', null, 'sunqi'),
        company('杭州云栖', '杭州云栖', null),
      ])
      .execute();
    const outcome = await rekeyCompanyNames(database.db);
    expect(outcome).toMatchObject({ from: 1, to: NAME_KEY_VERSION, rekeyed: 2 });
    const [a, b, c, d] = await rows();
    expect(outcome?.flagged).toEqual([
      { id: b!.id, name: '上海華信科技有限公司', duplicateOf: a!.id },
      { id: c!.id, name: '上海华信科技', duplicateOf: a!.id },
    ]);
    expect([a, b, c, d].map((r) => [r!.norm_name, r!.duplicate_of, r!.duplicate_flag])).toEqual([
      ['上海华信科技', null, null],
      ['上海华信科技', a!.id, 'rekeyed'],
      ['上海华信科技', a!.id, 'rekeyed'],
      ['杭州云栖', null, null],
    ]);
    // A lookup by the name now asks which of the three is meant.
    const store = kyselyStore(database.db, new Keyring(Buffer.alloc(32, 7)));
    const found = await store.direct((tx) => findClient(tx, '上海华信科技'));
    expect(found).toMatchObject({ ok: false, code: 'client_ambiguous', details: { count: 3 } });
    // Once re-keyed, the next start has nothing to do.
    expect(await rekeyCompanyNames(database.db)).toBeNull();
  });

  it('re-keys nothing on a database whose keys are current', async () => {
    await rekeyCompanyNames(database.db);
    await database.db.insertInto('companies').values(company('宁波港航', '宁波港航', null)).execute();
    expect(await rekeyCompanyNames(database.db)).toBeNull();
  });

  it('flags, and keeps, companies that already shared a name under different codes when the migration runs', async () => {
    const migrator = new Migrator({ db: database.db, provider: migrationFiles });
    const names = Object.keys(await migrationFiles.getMigrations()).sort();
    const before = names[names.indexOf(MIGRATION) - 1]!;
    const down = await migrator.migrateTo(before);
    expect(down.error).toBeUndefined();
    await database.db
      .insertInto('companies')
      .values([company('华信科技有限公司', '华信科技', '91350100M000100Y43'), company('华信科技', '华信科技', '91440300708461136T', 'zhaoliu')] as never)
      .execute();
    await migrateToLatest(database.db);
    const [first, second] = await rows();
    expect([first!.duplicate_of, first!.duplicate_flag]).toEqual([null, null]);
    expect([second!.duplicate_of, second!.duplicate_flag]).toEqual([first!.id, 'existing']);
    // From now on one row holds a name: a third of that name is refused by the key itself.
    await expect(database.db.insertInto('companies').values(company('华信科技股份公司', '华信科技', '91110000802100433B')).execute()).rejects.toThrow();
  });
});
