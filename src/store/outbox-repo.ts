import { type Kysely, sql } from 'kysely';
import type { OutboxPort } from '../core/outbox/port.ts';
import type { Database } from './database.ts';

export function outboxRepo(db: Kysely<Database>): OutboxPort {
  return {
    async enqueueMany(entries, at) {
      let added = 0;
      // A few thousand rows a statement keeps within PostgreSQL's parameter limit.
      for (let i = 0; i < entries.length; i += 5000) {
        const rows = await db
          .insertInto('outbox')
          .values(
            entries.slice(i, i + 5000).map((e) => ({
              dedupe_key: e.dedupeKey,
              person_id: e.personId,
              notice: JSON.stringify(e.notice),
              created_at: at,
              next_attempt_at: at,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        added += rows.length;
      }
      return added;
    },
    async enqueueUpdatesOf(keyPrefix, personId, notice, at) {
      // starts_with, not LIKE: a person id may hold `_` or `%`. Updates are not updated again.
      const { rows } = await sql`
        insert into outbox (dedupe_key, person_id, notice, created_at, next_attempt_at, update_of)
        select dedupe_key || ':closed', person_id, ${JSON.stringify(notice)}::jsonb, ${at}, ${at}, id
        from outbox where starts_with(dedupe_key, ${keyPrefix}) and person_id = ${personId} and update_of is null
        on conflict (dedupe_key) do nothing
        returning id`.execute(db);
      return rows.length;
    },
    async enqueue(entry, at) {
      const notice = JSON.stringify(entry.notice);
      if (entry.updates) {
        // An update of a message never queued (a delegate who got no card) is nothing to send.
        const { rows } = await sql`
          insert into outbox (dedupe_key, person_id, notice, created_at, next_attempt_at, update_of)
          select ${entry.dedupeKey}, ${entry.personId}, ${notice}::jsonb, ${at}, ${at}, id
          from outbox where dedupe_key = ${entry.updates}
          on conflict (dedupe_key) do nothing
          returning id`.execute(db);
        return rows.length > 0;
      }
      const row = await db
        .insertInto('outbox')
        .values({ dedupe_key: entry.dedupeKey, person_id: entry.personId, notice, created_at: at, next_attempt_at: at })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
