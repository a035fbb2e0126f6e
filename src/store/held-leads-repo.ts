import { type Kysely, type Selectable, sql } from 'kysely';
import type { HeldLeadsTxPort } from '../core/leads/port.ts';
import type { HeldLead } from '../core/leads/types.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { COMPANY_COLUMNS, toCompany } from './companies-repo.ts';
import { sealContact } from './contact-columns.ts';
import type { CompanyRow, Database, HeldLeadsTable } from './database.ts';

const toHeldLead = (row: Selectable<HeldLeadsTable>): HeldLead => ({
  id: row.id,
  reporterId: row.reporter_id,
  name: row.name,
  normName: row.norm_name,
  creditCode: row.credit_code,
  region: row.region,
  workDate: row.work_date,
  reportedAt: new Date(row.reported_at),
  duplicateOf: row.duplicate_of,
  status: row.status,
  decidedBy: row.decided_by,
  reason: row.reason,
  companyId: row.company_id,
});

/** LEAD-2: reports held as likely duplicates, and the saving of those a manager allowed. */
export function heldLeadsRepo(db: Kysely<Database>, keyring: Keyring): HeldLeadsTxPort {
  return {
    async hold({ company: c, contact, reporterId, workDate, duplicateOf }) {
      const row = await db
        .insertInto('held_leads')
        .values({
          reporter_id: reporterId,
          name: c.name,
          norm_name: c.normName,
          credit_code: c.creditCode,
          region: c.region,
          size: c.size,
          position: c.position,
          source: c.source,
          ...sealContact(keyring, contact),
          work_date: workDate,
          reported_at: c.createdAt,
          duplicate_of: duplicateOf,
        })
        // One pending hold per credit code (the partial unique key): a report sent again waits on the first.
        // The key's predicate is written as a literal: a parameter cannot be proved to match it.
        .onConflict((oc) => oc.column('credit_code').where(sql<boolean>`status = 'pending'`).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { held: toHeldLead(row), fresh: true };
      const waiting = await db
        .selectFrom('held_leads')
        .selectAll()
        .where('credit_code', '=', c.creditCode)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return { held: toHeldLead(waiting), fresh: false };
    },

    async byId(id, lock) {
      const query = db.selectFrom('held_leads').selectAll().where('id', '=', id);
      const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
      return row ? toHeldLead(row) : null;
    },

    async save(hold, at) {
      const held = await db.selectFrom('held_leads').selectAll().where('id', '=', hold.id).executeTakeFirstOrThrow();
      // What LEAD-2 still refuses after a manager's Allow: the code or a contact recorded since.
      const bidx = [held.phone_bidx, held.email_bidx].filter((b): b is string => b !== null);
      const { rows } = await sql<CompanyRow & { matched: 'code' | 'contact' }>`
        select ${COMPANY_COLUMNS}, 'code' as matched from companies where credit_code = ${held.credit_code}
        ${bidx.length ? sql`union all select ${COMPANY_COLUMNS}, 'contact' as matched from companies
          where id in (select company_id from contacts where phone_bidx in (${sql.join(bidx)}) or email_bidx in (${sql.join(bidx)}))` : sql``}
        limit 1`.execute(db);
      const claimed = rows[0];
      if (claimed) return { existing: toCompany(claimed), by: claimed.matched };
      const company = await db
        .insertInto('companies')
        .values({
          name: held.name,
          norm_name: held.norm_name,
          credit_code: held.credit_code,
          region: held.region,
          owner_id: held.reporter_id,
          size: held.size,
          position: held.position,
          source: held.source,
          created_at: at,
          // Kept beside the name's holder: lookups by the name list both.
          duplicate_of: held.duplicate_of,
          duplicate_flag: 'allowed',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The contact as it was sealed when reported: copied, never decrypted here.
      await db
        .insertInto('contacts')
        .values({
          company_id: company.id,
          name_enc: held.name_enc,
          phone_enc: held.phone_enc,
          email_enc: held.email_enc,
          phone_bidx: held.phone_bidx,
          email_bidx: held.email_bidx,
          key_id: held.key_id,
          created_at: at,
        })
        .execute();
      await db
        .insertInto('leads')
        .values({ company_id: company.id, reporter_id: held.reporter_id, work_date: held.work_date, reported_at: held.reported_at })
        .execute();
      return { inserted: toCompany(company) };
    },

    async decide(id, change) {
      const row = await db
        .updateTable('held_leads')
        .set({ status: change.status, decided_by: change.by, decided_at: change.at, reason: change.reason, company_id: change.companyId })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
