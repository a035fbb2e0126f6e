import type { OutboxEntry } from '../notices.ts';

/** Queues notices (notices.ts) for the outbox dispatcher to send. */
export interface OutboxPort {
  /** Queues a message in the caller's transaction; a known dedupe key adds nothing (false). */
  enqueue(entry: OutboxEntry, at: Date): Promise<boolean>;
  /** Queues many new messages (no updates) in one statement; answers how many were added. */
  enqueueMany(entries: OutboxEntry[], at: Date): Promise<number>;
  /**
   * Queues `notice` as an update of every message to `personId` whose key
   * starts with `keyPrefix` (a card sent again each day as its reminder),
   * each keyed by that message's key and `:closed`, so it is queued once.
   * Answers how many.
   */
  enqueueUpdatesOf(keyPrefix: string, personId: string, notice: OutboxEntry['notice'], at: Date): Promise<number>;
}
