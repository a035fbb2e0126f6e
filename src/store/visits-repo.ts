import type { Kysely } from 'kysely';
import type { VisitsPort } from '../core/clients/port.ts';
import type { Database } from './database.ts';

export function visitsRepo(db: Kysely<Database>): VisitsPort {
  return {
    async insert(visit) {
      await db
        .insertInto('visits')
        .values({
          company_id: visit.companyId,
          visitor_id: visit.visitorId,
          method: visit.method,
          note: visit.note,
          visit_date: visit.visitDate,
          recorded_at: visit.recordedAt,
        })
        .execute();
    },
    async last(companyId) {
      const row = await db
        .selectFrom('visits')
        .select(['visitor_id', 'method', 'note', 'visit_date'])
        .where('company_id', '=', companyId)
        .orderBy('visit_date', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row
        ? { visitorId: row.visitor_id, method: row.method, note: row.note, visitDate: row.visit_date }
        : null;
    },
    async countBetween(companyId, from, to, visitorIds) {
      if (!visitorIds.length) return 0;
      const row = await db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('company_id', '=', companyId)
        .where('visit_date', '>=', from)
        .where('visit_date', '<=', to)
        .where('visitor_id', 'in', [...visitorIds])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
