import type { Kysely } from 'kysely';
import type { DelegationsPort } from '../core/ports.ts';
import type { Database } from './database.ts';

export function delegationsRepo(db: Kysely<Database>): DelegationsPort {
  return {
    async set(personId, delegateId, until, at) {
      await db.insertInto('delegations').values({ person_id: personId, delegate_id: delegateId, until, created_at: at }).execute();
    },
    async activeFor(personId, date) {
      const row = await db
        .selectFrom('delegations')
        .select('delegate_id')
        .where('person_id', '=', personId)
        .where('until', '>=', date)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row?.delegate_id ?? null;
    },
  };
}
