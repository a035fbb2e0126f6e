import type { Kysely } from 'kysely';
import type { DeliveryLog } from '../bot/deliveries.ts';
import type { Clock } from '../core/time.ts';
import type { Database } from './database.ts';
import { deliveryReceiptsRepo } from './delivery-receipts-repo.ts';

/** Receipts of deliveries that have no effect to share a transaction with (the Home tab, a stranger's message). */
export function deliveryLog(db: Kysely<Database>, clock: Clock): DeliveryLog {
  const receipts = deliveryReceiptsRepo(db);
  return { firstTime: (source, id) => receipts.claim(source, id, clock.now()) };
}
