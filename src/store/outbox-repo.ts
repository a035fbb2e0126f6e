import type { Kysely } from 'kysely';
import type { OutboxPort } from '../core/ports.ts';
import type { Database } from './database.ts';

export function outboxRepo(db: Kysely<Database>): OutboxPort {
  return {
    async enqueue(entry, at) {
      await db
        .insertInto('outbox')
        .values({
          dedupe_key: entry.dedupeKey,
          person_id: entry.personId,
          notice: JSON.stringify(entry.notice),
          created_at: at,
          next_attempt_at: at,
          update_of: entry.updates
            ? (eb) => eb.selectFrom('outbox').select('id').where('dedupe_key', '=', entry.updates as string)
            : null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    },
  };
}
