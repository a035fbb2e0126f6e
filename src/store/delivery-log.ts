import { type Kysely, sql } from 'kysely';
import type { DeliveryLog } from '../bot/deliveries.ts';
import type { Clock } from '../core/ports.ts';
import type { Database } from './database.ts';

/** Feishu redelivers for about 7 hours; receipts are kept a day, then swept. */
const KEEP_HOURS = 24;

export function deliveryLog(db: Kysely<Database>, clock: Clock): DeliveryLog {
  let lastSweep = 0;
  return {
    async firstTime(source, id) {
      const now = clock.now();
      // The primary key decides: of two copies arriving at once on two instances, one inserts.
      const inserted = await db
        .insertInto('delivery_receipts')
        .values({ source, delivery_id: id, received_at: now })
        .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
        .returning('delivery_id')
        .executeTakeFirst();
      if (now.getTime() - lastSweep > 3_600_000) {
        lastSweep = now.getTime();
        await db
          .deleteFrom('delivery_receipts')
          .where('received_at', '<', sql<Date>`${now}::timestamptz - make_interval(hours => ${KEEP_HOURS})`)
          .execute();
      }
      return inserted !== undefined;
    },
  };
}
