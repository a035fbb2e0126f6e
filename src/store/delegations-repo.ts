import type { Kysely } from 'kysely';
import type { DelegationsPort } from '../core/approvals/port.ts';
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
    async delegatorsOf(delegateId, date) {
      // Each person's latest delegation still running on `date`; kept when it names this delegate.
      const rows = await db
        .selectFrom('delegations as d')
        .select('d.person_id')
        .where('d.delegate_id', '=', delegateId)
        .where('d.until', '>=', date)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('delegations as later').select('later.id').whereRef('later.person_id', '=', 'd.person_id').whereRef('later.id', '>', 'd.id').where('later.until', '>=', date))),
        )
        .orderBy('d.person_id')
        .execute();
      return [...new Set(rows.map((r) => r.person_id))];
    },
    async toReturn(date) {
      const rows = await db
        .selectFrom('delegations as d')
        .select(['d.id', 'd.person_id', 'd.delegate_id'])
        .where('d.returned_at', 'is', null)
        .where(({ or, eb, exists, selectFrom }) =>
          or([eb('d.until', '<', date), exists(selectFrom('delegations as later').select('later.id').whereRef('later.person_id', '=', 'd.person_id').whereRef('later.id', '>', 'd.id'))]),
        )
        .orderBy('d.id')
        .execute();
      return rows.map((r) => ({ id: r.id, personId: r.person_id, delegateId: r.delegate_id }));
    },
    async markReturned(ids, at) {
      if (!ids.length) return;
      await db.updateTable('delegations').set({ returned_at: at }).where('id', 'in', ids).where('returned_at', 'is', null).execute();
    },
  };
}
