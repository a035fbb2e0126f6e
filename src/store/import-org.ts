import type { Kysely, Transaction } from 'kysely';
import type { Person } from '../core/people.ts';
import type { Database } from './database.ts';

export interface OrgImport {
  regions: string[];
  people: Person[];
}

export interface OrgImportSummary {
  added: number;
  updated: number;
  deactivated: number;
}

/**
 * Brings the directory in the database in line with the org file, in one
 * transaction. People missing from the file are deactivated, not deleted:
 * their leads, visits and decisions keep their author.
 */
export async function importOrg(db: Kysely<Database>, org: OrgImport): Promise<OrgImportSummary> {
  return db.transaction().execute((trx) => importOrgIn(trx, org));
}

/** importOrg inside a transaction the caller holds (the matched import adds its matches to it). */
export async function importOrgIn(trx: Transaction<Database>, org: OrgImport): Promise<OrgImportSummary> {
  {
    await trx.updateTable('regions').set({ active: false }).execute();
    for (const name of org.regions) {
      await trx
        .insertInto('regions')
        .values({ name, active: true })
        .onConflict((oc) => oc.column('name').doUpdateSet({ active: true }))
        .execute();
    }
    const existing = await trx.selectFrom('people').select(['id', 'active']).execute();
    const before = new Set(existing.map((r) => r.id));
    const wasActive = existing.filter((r) => r.active).map((r) => r.id);
    // Platform ids are unique: clear them first so two people may swap ids in one import.
    await trx.updateTable('people').set({ slack_id: null, feishu_id: null, active: false }).execute();
    for (const p of org.people) {
      const row = {
        name: p.name,
        role: p.role,
        region: p.region,
        manager_id: p.managerId,
        slack_id: p.slackId,
        feishu_id: p.feishuId,
        locale: p.locale,
        monthly_salary_fen: p.monthlySalaryFen,
        timezone: p.timezone ?? null,
        active: true,
        updated_at: new Date(),
      };
      await trx
        .insertInto('people')
        .values({ id: p.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    }
    const inFile = new Set(org.people.map((p) => p.id));
    return {
      added: org.people.filter((p) => !before.has(p.id)).length,
      updated: org.people.filter((p) => before.has(p.id)).length,
      deactivated: wasActive.filter((id) => !inFile.has(id)).length,
    };
  }
}
