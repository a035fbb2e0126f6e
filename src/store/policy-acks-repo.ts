import type { Kysely } from 'kysely';
import type { PolicyAcksPort } from '../core/policy-ack/port.ts';
import type { Database } from './database.ts';

export function policyAcksRepo(db: Kysely<Database>): PolicyAcksPort {
  return {
    async acksOf(personIds) {
      if (!personIds.length) return [];
      const rows = await db.selectFrom('policy_acks').selectAll().where('person_id', 'in', [...personIds]).execute();
      return rows.map((r) => ({ personId: r.person_id, item: r.item, version: r.version, acknowledgedAt: new Date(r.acknowledged_at) }));
    },
    async record(personId, items, at) {
      if (!items.length) return 0;
      const inserted = await db
        .insertInto('policy_acks')
        .values(items.map((i) => ({ person_id: personId, item: i.item, version: i.version, acknowledged_at: at })))
        .onConflict((oc) => oc.columns(['person_id', 'item', 'version']).doNothing())
        .returning('item')
        .execute();
      return inserted.length;
    },
  };
}
