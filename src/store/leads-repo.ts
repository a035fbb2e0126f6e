import type { Kysely } from 'kysely';
import type { LeadsPort } from '../core/ports.ts';
import type { Database } from './database.ts';

export function leadsRepo(db: Kysely<Database>): LeadsPort {
  return {
    async insert(lead) {
      await db
        .insertInto('leads')
        .values({
          company_id: lead.companyId,
          reporter_id: lead.reporterId,
          work_date: lead.workDate,
          reported_at: lead.reportedAt,
        })
        .execute();
    },
    async countBy(reporterId, from, to) {
      const row = await db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('reporter_id', '=', reporterId)
        .where('work_date', '>=', from)
        .where('work_date', '<=', to)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listBy(reporterId, from, to) {
      const rows = await db
        .selectFrom('leads')
        .innerJoin('companies', 'companies.id', 'leads.company_id')
        .select(['companies.id', 'companies.name', 'companies.region', 'leads.work_date', 'leads.reported_at'])
        .where('leads.reporter_id', '=', reporterId)
        .where('leads.work_date', '>=', from)
        .where('leads.work_date', '<=', to)
        .orderBy('leads.reported_at')
        .execute();
      return rows.map((r) => ({
        companyId: r.id,
        companyName: r.name,
        region: r.region,
        workDate: r.work_date,
        reportedAt: new Date(r.reported_at),
      }));
    },
  };
}
