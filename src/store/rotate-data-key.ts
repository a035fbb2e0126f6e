import { type Kysely, sql } from 'kysely';
import { ConfigError } from '../config/config-error.ts';
import { FieldCipherError } from '../crypto/field-cipher.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { resealContact } from './contact-columns.ts';
import type { Database } from './database.ts';

/** The tables that hold contact data sealed by contact-columns.ts (SEC-1). */
export const SEALED_TABLES = ['contacts', 'held_leads'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

export interface RotationProgress {
  table: SealedTable;
  /** Rows of this table re-encrypted so far in this run. */
  done: number;
  /** Rows of this table under another key when this run reached the table. */
  total: number;
}

export interface RotationOutcome {
  currentId: string;
  /** Rows re-encrypted by this run, per table. */
  rotated: Record<SealedTable, number>;
  /** Rows still under a key other than the current one when the run ended, per table and key id (empty: none). */
  left: { table: SealedTable; keyId: string; rows: number }[];
}

export interface RotateOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Called after each committed batch; an exception stops the run there (what is committed stays). */
  onBatch?: (progress: RotationProgress) => void | Promise<void>;
}

interface SealedRow {
  id: number;
  key_id: string;
  name_enc: string;
  phone_enc: string | null;
  email_enc: string | null;
}

/**
 * Re-encrypts every sealed contact value and blind index under the keyring's
 * current key (`npm run keys -- rotate`).
 *
 * Batches of rows in their own transactions, each row taken only while its
 * key id is not the current one: a run stopped half-way has committed whole
 * batches, and the next run goes on with the rest (running it again is
 * harmless). Each batch locks its rows (FOR UPDATE) and writes only where the
 * key id is still the one it read, so a bot writing the same rows meanwhile
 * waits for the batch or is left alone, never overwritten with older data.
 * Rows written meanwhile are under the current key already (the bot writes
 * under DATA_KEY), so they need nothing.
 */
export async function rotateDataKey(db: Kysely<Database>, keyring: Keyring, options: RotateOptions = {}): Promise<RotationOutcome> {
  const batchSize = options.batchSize ?? 500;
  const current = keyring.currentId;
  const rotated: Record<SealedTable, number> = { contacts: 0, held_leads: 0 };
  for (const table of SEALED_TABLES) {
    const total = await countOthers(db, table, current);
    let after = 0;
    for (;;) {
      const batch = await db.transaction().execute(async (trx) => {
        const rows = (await trx
          .selectFrom(table)
          .select(['id', 'key_id', 'name_enc', 'phone_enc', 'email_enc'])
          .where('key_id', '<>', current)
          .where('id', '>', after)
          .orderBy('id')
          .limit(batchSize)
          .forUpdate()
          .execute()) as SealedRow[];
        if (rows.length === 0) return { count: 0, last: after };
        const resealed = rows.map((row) => ({ row, sealed: reseal(keyring, table, row) }));
        if (table === 'contacts') await refuseClashingIndexes(trx, resealed);
        const values = resealed.map(
          ({ row, sealed: s }) =>
            sql`(${row.id}::integer, ${row.key_id}::text, ${s.name_enc}::text, ${s.phone_enc}::text, ${s.email_enc}::text, ${s.phone_bidx}::text, ${s.email_bidx}::text)`,
        );
        const updated = await sql`
          update ${sql.table(table)} as t
             set name_enc = v.name_enc, phone_enc = v.phone_enc, email_enc = v.email_enc,
                 phone_bidx = v.phone_bidx, email_bidx = v.email_bidx, key_id = ${current}
            from (values ${sql.join(values)}) as v(id, old_key_id, name_enc, phone_enc, email_enc, phone_bidx, email_bidx)
           where t.id = v.id and t.key_id = v.old_key_id`.execute(trx);
        return { count: Number(updated.numAffectedRows ?? 0n), last: rows[rows.length - 1]!.id };
      });
      if (batch.last === after) break;
      after = batch.last;
      rotated[table] += batch.count;
      await options.onBatch?.({ table, done: rotated[table], total });
    }
  }
  const left: RotationOutcome['left'] = [];
  for (const table of SEALED_TABLES) {
    const rows = await db
      .selectFrom(table)
      .select((eb) => ['key_id', eb.fn.countAll<number>().as('rows')])
      .where('key_id', '<>', current)
      .groupBy('key_id')
      .orderBy('key_id')
      .execute();
    for (const r of rows) left.push({ table, keyId: r.key_id, rows: Number(r.rows) });
  }
  return { currentId: current, rotated, left };
}

async function countOthers(db: Kysely<Database>, table: SealedTable, current: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key_id', '<>', current)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A row that does not open stops the run with its table and id; the batch it was in rolls back. */
function reseal(keyring: Keyring, table: SealedTable, row: SealedRow) {
  try {
    return resealContact(keyring, row);
  } catch (error) {
    if (!(error instanceof FieldCipherError)) throw error;
    const hint =
      error.reason === 'unknown-key'
        ? `it is under key id ${row.key_id}, which is neither DATA_KEY nor in DATA_KEY_PREVIOUS (known: ${keyring.ids.join(', ')}): add that key to DATA_KEY_PREVIOUS and run again`
        : `${error.message}; nothing of its batch was changed`;
    throw new ConfigError(`keys rotate: ${table} row ${row.id} does not open: ${hint}`);
  }
}

/**
 * Two contacts whose values are equal but sealed under different keys have
 * different blind indexes, so the unique index let both in; under one key they
 * would clash. Say which rows, instead of failing on the constraint.
 */
async function refuseClashingIndexes(
  trx: Kysely<Database>,
  resealed: { row: SealedRow; sealed: { phone_bidx?: string | null; email_bidx?: string | null } }[],
): Promise<void> {
  const ids = resealed.map((r) => r.row.id);
  for (const column of ['phone_bidx', 'email_bidx'] as const) {
    const byIndex = new Map<string, number>();
    const clashes: string[] = [];
    for (const { row, sealed } of resealed) {
      const idx = sealed[column];
      if (!idx) continue;
      const other = byIndex.get(idx);
      if (other !== undefined) clashes.push(`${other} and ${row.id}`);
      byIndex.set(idx, row.id);
    }
    if (byIndex.size > 0) {
      const found = await trx
        .selectFrom('contacts')
        .select(['id', column])
        .where(column, 'in', [...byIndex.keys()])
        .where('id', 'not in', ids)
        .execute();
      for (const f of found) clashes.push(`${f.id} and ${byIndex.get(f[column] as string)}`);
    }
    if (clashes.length > 0) {
      const what = column === 'phone_bidx' ? 'phone number' : 'e-mail';
      throw new ConfigError(
        `keys rotate: contacts ${clashes.join(', ')} have the same ${what} under different keys; ` +
          `remove or change one contact of each pair, then run again (nothing of this batch was changed)`,
      );
    }
  }
}
