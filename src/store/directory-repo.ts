import type { Kysely } from 'kysely';
import type { DirectoryPort } from '../core/directory/port.ts';
import type { Locale, Person, Platform, Role } from '../core/people.ts';
import type { Database, PersonRow } from './database.ts';

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  region: row.region,
  managerId: row.manager_id,
  slackId: row.slack_id,
  feishuId: row.feishu_id,
  locale: row.locale as Locale | null,
  monthlySalaryFen: row.monthly_salary_fen,
  ...(row.timezone ? { timezone: row.timezone } : {}),
});

/** The org directory as the core sees it: active people only. */
export function directoryRepo(db: Kysely<Database>): DirectoryPort {
  const active = () => db.selectFrom('people').selectAll().where('active', '=', true);
  const one = async (q: ReturnType<typeof active>) => {
    const row = await q.executeTakeFirst();
    return row ? toPerson(row) : null;
  };
  return {
    personById: (id) => one(active().where('id', '=', id)),
    async peopleByIds(ids) {
      return ids.length ? (await active().where('id', 'in', [...ids]).execute()).map(toPerson) : [];
    },
    personByPlatform: (platform: Platform, platformId) =>
      one(active().where(platform === 'slack' ? 'slack_id' : 'feishu_id', '=', platformId)),
    async regions() {
      const rows = await db.selectFrom('regions').select('name').where('active', '=', true).orderBy('name').execute();
      return rows.map((r) => r.name);
    },
    async everyone() {
      return (await active().orderBy('name').orderBy('id').execute()).map(toPerson);
    },
    async withRole(role, region) {
      let query = active().where('role', '=', role);
      if (region !== undefined) query = query.where('region', '=', region);
      return (await query.orderBy('id').execute()).map(toPerson);
    },
    async managerChain(personId) {
      const chain: Person[] = [];
      const seen = new Set([personId]);
      let next = (await db.selectFrom('people').select('manager_id').where('id', '=', personId).executeTakeFirst())?.manager_id;
      // The org file is checked for loops on import; `seen` guards against a hand-edited database.
      while (next && !seen.has(next)) {
        seen.add(next);
        const manager = await one(active().where('id', '=', next));
        if (!manager) break;
        chain.push(manager);
        next = manager.managerId;
      }
      return chain;
    },
  };
}
