/**
 * What the bot tells someone on its own, as data: the outbox stores a notice,
 * and it is put into words in the reader's language only when it is sent.
 * No contact data ever goes into a notice (the outbox is not encrypted).
 */
export type Notice = { kind: 'account_manager_assigned'; company: string; by: string };

export interface OutboxEntry {
  /** What, whom, about what and when: the same key twice is one message. */
  dedupeKey: string;
  personId: string;
  notice: Notice;
}
