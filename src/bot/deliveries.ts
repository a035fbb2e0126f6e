import type { Clock, Store } from '../core/ports.ts';

/**
 * Remembers which platform deliveries (a Slack event id, a Feishu event_id)
 * have been handled, so a redelivery has its effect once.
 */
export interface DeliveryLog {
  /** True the first time `source`/`id` is seen; false for every copy after it. */
  firstTime(source: string, id: string): Promise<boolean>;
}

/**
 * The log for deliveries that have no effect to share a transaction with (the
 * Home tab, a stranger's message): the same receipts a command claims in its
 * own transaction (deliveredOnce), claimed on their own.
 */
export function deliveryLog(store: Store, clock: Clock): DeliveryLog {
  return { firstTime: (source, id) => store.direct((tx) => tx.deliveries.claim(source, id, clock.now())) };
}
