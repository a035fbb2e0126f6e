import type { OutboxEntry } from '../notices.ts';

/** Queues notices (notices.ts) for the outbox dispatcher to send. */
export interface OutboxPort {
  /** Queues a message in the caller's transaction; a known dedupe key adds nothing (false). */
  enqueue(entry: OutboxEntry, at: Date): Promise<boolean>;
  /** Queues many new messages (no updates) in one statement; answers how many were added. */
  enqueueMany(entries: OutboxEntry[], at: Date): Promise<number>;
}
