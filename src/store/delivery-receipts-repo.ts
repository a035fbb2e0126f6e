import { type Kysely, sql } from 'kysely';
import type { DeliveriesPort } from '../core/deliveries/port.ts';
import type { Database } from './database.ts';

/** Feishu redelivers for about 7 hours; receipts are kept a day, then swept. */
export const RECEIPT_KEEP_HOURS = 24;
/** Each claim sweeps at most this many expired receipts, so the table stays small without a job of its own. */
const SWEEP_PER_CLAIM = 20;

export function deliveryReceiptsRepo(db: Kysely<Database>): DeliveriesPort {
  return {
    async claim(source, id, at) {
      // One round trip: expired receipts are swept (a few at a time) by the statement that records this one.
      // The primary key decides: of two copies arriving at once on two instances, one inserts.
      const { rows } = await sql<{ delivery_id: string }>`
        with swept as (
          delete from delivery_receipts where ctid in (
            select ctid from delivery_receipts
            where received_at < ${at}::timestamptz - make_interval(hours => ${RECEIPT_KEEP_HOURS})
            limit ${SWEEP_PER_CLAIM}))
        insert into delivery_receipts (source, delivery_id, received_at)
        values (${source}, ${id}, ${at})
        on conflict (source, delivery_id) do nothing
        returning delivery_id`.execute(db);
      return rows.length > 0;
    },
  };
}
