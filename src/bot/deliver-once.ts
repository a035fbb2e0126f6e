import type { Clock, CoreResult, Repositories, Store, Tx } from '../core/ports.ts';
import { refuse } from '../core/result.ts';

/** One delivery of a platform: a Slack command's trigger_id or an event's id, a Feishu event_id. */
export interface Delivery {
  source: 'slack' | 'feishu';
  id: string;
}

/**
 * The store for one delivered command. Its first transaction that commits
 * also records the delivery, in the same transaction: a crash before the
 * commit loses both, so the platform's redelivery runs the command again,
 * and after the commit a redelivery finds the record and changes nothing.
 * A command that commits no transaction (a read, a refusal, a lead's one
 * statement, which LEAD-2 makes idempotent anyway) records its delivery
 * when it is done.
 */
export function deliveredOnce(store: Store, delivery: Delivery, clock: Clock) {
  let recorded = false;
  let repeated = false;
  const claim = (tx: Repositories) => tx.deliveries.claim(delivery.source, delivery.id, clock.now());
  const scoped: Store = {
    direct: (work) => store.direct(work),
    async transaction<T>(work: (tx: Tx) => Promise<CoreResult<T>>): Promise<CoreResult<T>> {
      if (recorded || repeated) return store.transaction(work);
      const result = await store.transaction<T>(async (tx) => ((await claim(tx)) ? work(tx) : refuse('already_handled')));
      if (result.ok) recorded = true;
      else if (result.code === 'already_handled') repeated = true;
      return result;
    },
  };
  return {
    store: scoped,
    /** Once the command has run: whether this delivery had been handled before (then its answer was given already). */
    async wasRepeated(): Promise<boolean> {
      if (repeated) return true;
      if (recorded) return false;
      return !(await store.direct(claim));
    },
  };
}
