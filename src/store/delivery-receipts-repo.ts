import { type Kysely, sql } from 'kysely';
import type { DeliveriesPort } from '../core/ports.ts';
import type { Database } from './database.ts';

/** Feishu redelivers for about 7 hours; receipts are kept a day, then swept. */
export const RECEIPT_KEEP_HOURS = 24;
/** Each claim sweeps at most this many expired receipts, so the table stays small without a job of its own. */
const SWEEP_PER_CLAIM = 20;

export function deliveryReceiptsRepo(db: Kysely<Database>): DeliveriesPort {
  return {
    async claim(source, id, at) {
      // The primary key decides: of two copies arriving at once on two instances, one inserts.
      const inserted = await db
        .insertInto('delivery_receipts')
        .values({ source, delivery_id: id, received_at: at })
        .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
        .returning('delivery_id')
        .executeTakeFirst();
      await db
        .deleteFrom('delivery_receipts')
        .where(
          sql<boolean>`ctid in (select ctid from delivery_receipts
            where received_at < ${at}::timestamptz - make_interval(hours => ${RECEIPT_KEEP_HOURS}) limit ${SWEEP_PER_CLAIM})`,
        )
        .execute();
      return inserted !== undefined;
    },
  };
}
