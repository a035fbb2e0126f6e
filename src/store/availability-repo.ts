import type { Kysely } from 'kysely';
import type { AvailabilityPort } from '../core/reminders/port.ts';
import type { Database } from './database.ts';

export function availabilityRepo(db: Kysely<Database>): AvailabilityPort {
  return {
    async addLeave(personId, from, to, at) {
      await db.insertInto('leaves').values({ person_id: personId, from_date: from, to_date: to, created_at: at }).execute();
    },
    async onLeave(personIds, date) {
      if (!personIds.length) return new Set();
      // Everyone away that day (a short list), filtered here: a list of ten thousand ids is slower to send than to filter.
      const rows = await db.selectFrom('leaves').select('person_id').where('from_date', '<=', date).where('to_date', '>=', date).execute();
      const asked = new Set(personIds);
      return new Set(rows.map((r) => r.person_id).filter((id) => asked.has(id)));
    },
    async setMuted(personId, muted, at) {
      await db
        .insertInto('reminder_prefs')
        .values({ person_id: personId, muted, updated_at: at })
        .onConflict((oc) => oc.column('person_id').doUpdateSet({ muted, updated_at: at }))
        .execute();
    },
    async muted(personIds) {
      if (!personIds.length) return new Set();
      const rows = await db.selectFrom('reminder_prefs').select('person_id').where('muted', '=', true).execute();
      const asked = new Set(personIds);
      return new Set(rows.map((r) => r.person_id).filter((id) => asked.has(id)));
    },
  };
}
