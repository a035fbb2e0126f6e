import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportLead, type ReportLeadCommand } from '../../src/core/leads/report-lead.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';
import { openContact, sealContact } from '../../src/store/contact-columns.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { rotateDataKey } from '../../src/store/rotate-data-key.ts';
import { botFixture, TEST_KEY, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const NEW_KEY = Buffer.alloc(32, 42);
const code = (prefix17: string) => `${prefix17}${creditCodeCheckChar(prefix17)}`;
const LEADS = 7;

const lead = (company: string, extra: Partial<ReportLeadCommand> = {}): ReportLeadCommand => ({
  company,
  contactName: `联系人${company}`,
  phone: null,
  email: null,
  size: '100人',
  position: '一般',
  region: null,
  creditCode: null,
  source: null,
  ...extra,
});

const phoneOf = (i: number) => `+861390000${String(i).padStart(4, '0')}`;

type Sealed = { id: number; key_id: string; name_enc: string; phone_enc: string | null; email_enc: string | null };

/** What every sealed row holds, opened: the rotation must change none of it. */
async function opened(f: BotFixture, keyring: Keyring) {
  const read = async (table: 'contacts' | 'held_leads') =>
    ((await f.database.db.selectFrom(table).select(['id', 'key_id', 'name_enc', 'phone_enc', 'email_enc']).orderBy('id').execute()) as Sealed[]).map(
      (row) => ({ table, id: row.id, ...openContact(keyring, row) }),
    );
  return [...(await read('contacts')), ...(await read('held_leads'))];
}

async function keyIds(f: BotFixture): Promise<string[]> {
  const rows = [
    ...(await f.database.db.selectFrom('contacts').select(['key_id', 'name_enc', 'phone_enc']).execute()),
    ...(await f.database.db.selectFrom('held_leads').select(['key_id', 'name_enc', 'phone_enc']).execute()),
  ];
  // The key id column and the id inside each ciphertext.
  return rows.flatMap((r) => [r.key_id, r.name_enc.split('.')[1]!, ...(r.phone_enc ? [r.phone_enc.split('.')[1]!] : [])]);
}

describe.each(backends)('npm run keys -- rotate, on $name', (backend) => {
  let f: BotFixture;
  const oldRing = new Keyring(TEST_KEY);
  const ring = new Keyring(NEW_KEY, [TEST_KEY]);

  beforeEach(async () => {
    // A copy of one migrated database per test: creating a PGlite database each time costs seconds.
    f = await botFixture({ ...backend, open: () => backend.openCopy() });
    for (let i = 0; i < LEADS; i++) {
      const saved = await reportLead(f.deps, f.as('zhangsan'), lead(`轮换测试公司${i}号`, { phone: phoneOf(i), email: i % 2 ? `buyer${i}@rotate.example` : null }));
      if (!saved.ok) throw new Error(saved.code);
    }
    // A report held as a likely duplicate (LEAD-2) keeps its contact sealed in held_leads.
    await reportLead(f.deps, f.as('zhangsan'), lead('华信科技有限公司', { creditCode: '91350100M000100Y43', phone: '+8613600003333' }));
    const held = await reportLead(f.deps, f.as('zhaoliu'), lead('华信科技', { creditCode: code('91310000MA1FL8LQ2'), phone: '+8613600004444' }));
    expect(held).toMatchObject({ ok: false, code: 'company_likely_duplicate' });
    expect(await f.database.db.selectFrom('held_leads').select('id').execute()).toHaveLength(1);
  });
  afterEach(() => f.close());

  it('re-encrypts every contact value and blind index under DATA_KEY, and the new key alone then reads and finds them', async () => {
    const before = await opened(f, oldRing);
    const outcome = await rotateDataKey(f.database.db, ring, { batchSize: 3 });
    expect(outcome).toEqual({ currentId: ring.currentId, rotated: { contacts: LEADS + 1, held_leads: 1 }, left: [] });
    expect(new Set(await keyIds(f))).toEqual(new Set([ring.currentId]));

    const newOnly = new Keyring(NEW_KEY);
    expect(await opened(f, newOnly)).toEqual(before);
    // The blind index under the new key finds a phone that was indexed under the old one.
    const again = await reportLead({ ...f.deps, store: kyselyStore(f.database.db, newOnly) }, f.as('zhaoliu'), lead('另一家公司', { phone: phoneOf(3) }));
    expect(again).toMatchObject({ ok: false, code: 'contact_owned' });
    const bidx = await f.database.db.selectFrom('contacts').select('phone_bidx').execute();
    expect(bidx.map((b) => b.phone_bidx)).toContain(sealContact(newOnly, { name: 'x', phone: phoneOf(3), email: null }).phone_bidx);

    // A second run finds nothing to do.
    expect(await rotateDataKey(f.database.db, ring)).toEqual({ currentId: ring.currentId, rotated: { contacts: 0, held_leads: 0 }, left: [] });
  });

  it('stopped half-way, has committed whole batches, everything still opens, and a second run does the rest', async () => {
    const before = await opened(f, oldRing);
    const stop = new Error('killed');
    await expect(
      rotateDataKey(f.database.db, ring, {
        batchSize: 3,
        onBatch: ({ done }) => {
          if (done >= 3) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const ids = await f.database.db.selectFrom('contacts').select('key_id').orderBy('id').execute();
    expect(ids.map((r) => r.key_id)).toEqual([...Array(3).fill(ring.currentId), ...Array(LEADS + 1 - 3).fill(oldRing.currentId)]);
    expect(await opened(f, ring)).toEqual(before);

    const progress: string[] = [];
    const outcome = await rotateDataKey(f.database.db, ring, { batchSize: 3, onBatch: (p) => void progress.push(`${p.table} ${p.done}/${p.total}`) });
    expect(outcome.rotated).toEqual({ contacts: LEADS + 1 - 3, held_leads: 1 });
    expect(outcome.left).toEqual([]);
    expect(progress).toEqual(['contacts 3/5', 'contacts 5/5', 'held_leads 1/1']);
    expect(await opened(f, new Keyring(NEW_KEY))).toEqual(before);
  });

  it('counts the rows a bot still on the old key wrote behind it, so DATA_KEY_PREVIOUS is not removed too early', async () => {
    const first = await f.database.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    let rewritten = false;
    const outcome = await rotateDataKey(f.database.db, ring, {
      batchSize: 3,
      onBatch: async () => {
        if (rewritten) return;
        rewritten = true;
        // An instance not yet given the new DATA_KEY writes a row the rotation has passed.
        await f.database.db.updateTable('contacts').set(sealContact(oldRing, { name: '旧钥匙写的', phone: null, email: null })).where('id', '=', first.id).execute();
      },
    });
    expect(outcome.left).toEqual([{ table: 'contacts', keyId: oldRing.currentId, rows: 1 }]);
  });

  it('stops on a row under a key it does not have, naming the row and the key, and changes nothing of that batch', async () => {
    const stranger = new Keyring(Buffer.alloc(32, 99));
    const row = await f.database.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
    await f.database.db.updateTable('contacts').set(sealContact(stranger, { name: '外人', phone: null, email: null })).where('id', '=', row.id).execute();
    await expect(rotateDataKey(f.database.db, ring, { batchSize: 100 })).rejects.toThrow(
      `keys rotate: contacts row ${row.id} does not open: it is under key id ${stranger.currentId}, which is neither DATA_KEY nor in DATA_KEY_PREVIOUS`,
    );
    const left = await f.database.db.selectFrom('contacts').select('key_id').where('key_id', '=', ring.currentId).execute();
    expect(left).toEqual([]);
  });

  it('names two contacts that would share a phone under one key, instead of failing on the unique index', async () => {
    // The same phone sealed under the new key by a bot already on it: its index differs from the old row's, so both got in.
    const first = await f.database.db.selectFrom('contacts').select(['id', 'company_id']).orderBy('id').executeTakeFirstOrThrow();
    const inserted = await f.database.db
      .insertInto('contacts')
      .values({ company_id: first.company_id, ...sealContact(ring, { name: '重复', phone: phoneOf(0), email: null }), created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(rotateDataKey(f.database.db, ring)).rejects.toThrow(
      `keys rotate: contacts ${inserted.id} and ${first.id} have the same phone number under different keys`,
    );
  });

  it.runIf(backend.name === 'postgres')('leaves alone a row a running bot rewrote under the new key while the rotation waited for it', async () => {
    const url = (f.database as { url?: string }).url!;
    const target = await f.database.db.selectFrom('contacts').select('id').orderBy('id').offset(1).executeTakeFirstOrThrow();
    const bot = new pg.Client({ connectionString: url });
    await bot.connect();
    try {
      // The bot's transaction: rewrites one contact under the new key and holds its lock.
      const fresh = sealContact(ring, { name: '改过的名字', phone: '+8613999990000', email: null });
      await bot.query('begin');
      await bot.query(
        'update contacts set name_enc = $1, phone_enc = $2, email_enc = $3, phone_bidx = $4, email_bidx = $5, key_id = $6 where id = $7',
        [fresh.name_enc, fresh.phone_enc, fresh.email_enc, fresh.phone_bidx, fresh.email_bidx, fresh.key_id, target.id],
      );
      let finished = false;
      const rotation = rotateDataKey(f.database.db, ring, { batchSize: 100 }).finally(() => (finished = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(finished).toBe(false); // waiting on the bot's lock
      await bot.query('commit');
      const outcome = await rotation;
      expect(outcome.left).toEqual([]);
    } finally {
      await bot.end();
    }
    const row = (await f.database.db.selectFrom('contacts').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow()) as Sealed;
    expect(openContact(new Keyring(NEW_KEY), row)).toEqual({ name: '改过的名字', phone: '+8613999990000', email: null });
  });

  it.runIf(backend.name === 'postgres')('beside a bot saving leads under the new key meanwhile, ends with every row under it', async () => {
    const newStore = { ...f.deps, store: kyselyStore(f.database.db, ring) };
    let writing = true;
    const writer = (async () => {
      let i = 100;
      while (writing) {
        const saved = await reportLead(newStore, f.as('zhangsan'), lead(`并发公司${i}号`, { phone: phoneOf(i) }));
        if (!saved.ok) throw new Error(saved.code);
        i++;
      }
      return i - 100;
    })();
    const outcome = await rotateDataKey(f.database.db, ring, { batchSize: 1, onBatch: () => new Promise((r) => setTimeout(r, 20)) });
    writing = false;
    const written = await writer;
    expect(written).toBeGreaterThan(0);
    expect(outcome.left).toEqual([]);
    expect(new Set(await keyIds(f))).toEqual(new Set([ring.currentId]));
    expect(await opened(f, new Keyring(NEW_KEY))).toHaveLength(LEADS + 2 + written);
  });
});
