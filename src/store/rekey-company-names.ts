import { type Kysely, sql } from 'kysely';
import { NAME_KEY_VERSION, normalizeCompanyName } from '../core/leads/company-name.ts';
import type { Database } from './database.ts';

const SETTING = 'company_name_key_version';
const BATCH = 1000;

export interface RekeyOutcome {
  /** The normalisation the stored keys were made with before, and now. */
  from: number;
  to: number;
  /** Companies whose key changed. */
  rekeyed: number;
  /** Companies that came to share a name with an older one: kept, flagged 'rekeyed', pointing at it. */
  flagged: { id: number; name: string; duplicateOf: number }[];
}

/**
 * LEAD-2 keys are normalised names; when normalisation changes
 * (NAME_KEY_VERSION), the stored keys of older rows are made again at start.
 * Two rows that now share a key are both kept: the older keeps the name, the
 * newer is flagged as its duplicate ('rekeyed'), so lookups by that name ask
 * which one is meant and nothing is merged or lost. One transaction, the
 * version row locked first, so two instances starting together re-key once.
 */
export async function rekeyCompanyNames(db: Kysely<Database>): Promise<RekeyOutcome | null> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key: SETTING, value: '1' }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await trx.selectFrom('settings').select('value').where('key', '=', SETTING).forUpdate().executeTakeFirstOrThrow();
    const from = Number(row.value);
    if (from >= NAME_KEY_VERSION) return null;

    const companies = await trx.selectFrom('companies').select(['id', 'name', 'norm_name', 'duplicate_of']).orderBy('id').execute();
    const changed: { id: number; key: string }[] = [];
    const holder = new Map<string, number>();
    const flagged: RekeyOutcome['flagged'] = [];
    for (const c of companies) {
      const key = normalizeCompanyName(c.name);
      if (key !== c.norm_name) changed.push({ id: c.id, key });
      if (c.duplicate_of !== null) continue;
      const first = holder.get(key);
      if (first === undefined) holder.set(key, c.id);
      else flagged.push({ id: c.id, name: c.name, duplicateOf: first });
    }
    // Flagged first, so they leave the unique key; then every changed key
    // through a placeholder, so two rows trading keys never meet on the way.
    // A placeholder has spaces, which no normalised key ever has.
    for (const f of flagged) {
      await trx.updateTable('companies').set({ duplicate_of: f.duplicateOf, duplicate_flag: 'rekeyed' }).where('id', '=', f.id).execute();
    }
    for (const keyOf of [(c: { id: number }) => ` rekey ${c.id}`, (c: { key: string }) => c.key]) {
      for (let i = 0; i < changed.length; i += BATCH) {
        const values = changed.slice(i, i + BATCH).map((c) => sql`(${c.id}::integer, ${keyOf(c)}::text)`);
        await sql`update companies set norm_name = v.key from (values ${sql.join(values)}) as v(id, key) where companies.id = v.id`.execute(trx);
      }
    }
    await trx.updateTable('settings').set({ value: String(NAME_KEY_VERSION) }).where('key', '=', SETTING).execute();
    return { from, to: NAME_KEY_VERSION, rekeyed: changed.length, flagged };
  });
}
