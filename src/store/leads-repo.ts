import { type Kysely, sql } from 'kysely';
import type { LeadsPort } from '../core/leads/port.ts';
import type { ClaimMatch, NewLead } from '../core/leads/types.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { claimedCompanySql, COMPANY_COLUMNS, toCompany } from './companies-repo.ts';
import { sealContact } from './contact-columns.ts';
import type { CompanyRow, Database } from './database.ts';

export function leadsRepo(db: Kysely<Database>, keyring: Keyring): LeadsPort {
  // Targets this repository has seen celebrated already. Every lead past the
  // target asks again, and the table's key answers "already" every time: a
  // known answer needs no write. Only the store's long-lived repositories,
  // outside transactions, live long enough to remember anything.
  const celebrated = new Set<string>();
  /** The lead and its LEAD-2 check in one statement (see LeadsPort.record). */
  async function recordOnce({ company: c, contact, reporterId, workDate, claim }: NewLead): Promise<RecordOutcome | null> {
    const k = sealContact(keyring, contact);
    // One statement, so one transaction of its own and one round trip: the
    // LEAD-2 check, then the company, its encrypted contact and the lead,
    // written together or not at all. ON CONFLICT DO NOTHING makes a
    // concurrent report of the same company wait for the first to commit,
    // then write nothing. The casts type the parameters of INSERT … SELECT.
    const { rows } = await sql<CompanyRow & { outcome: 'inserted' | ClaimMatch; reporter_leads_that_day: number | string; reporter_on_leave: boolean }>`
      with claimed as (${claimedCompanySql(keyring, claim)}), company as (
        insert into companies (name, norm_name, credit_code, region, owner_id, size, position, source, created_at)
        select ${c.name}::text, ${c.normName}::text, ${c.creditCode}::text, ${c.region}::text, ${c.ownerId}::text,
          ${c.size}::text, ${c.position}::text, ${c.source}::text, ${c.createdAt}::timestamptz
        where not exists (select 1 from claimed)
        on conflict do nothing
        returning *
      ), contact as (
        insert into contacts (company_id, name_enc, phone_enc, email_enc, phone_bidx, email_bidx, key_id, created_at)
        select id, ${k.name_enc}, ${k.phone_enc}, ${k.email_enc}, ${k.phone_bidx}, ${k.email_bidx}, ${k.key_id}, ${c.createdAt} from company
      ), lead as (
        insert into leads (company_id, reporter_id, work_date, reported_at)
        select id, ${reporterId}, ${workDate}::date, ${c.createdAt} from company
      )
      select ${COMPANY_COLUMNS}, 'inserted' as outcome, (
        -- The statement's snapshot does not see its own new lead: count it in.
        select count(*) + 1 from leads where reporter_id = ${reporterId} and work_date = ${workDate}::date
      ) as reporter_leads_that_day, exists (
        select 1 from leaves where person_id = ${reporterId} and from_date <= ${workDate}::date and to_date >= ${workDate}::date
      ) as reporter_on_leave
      from company
      union all
      select ${COMPANY_COLUMNS}, matched, 0, false from claimed`.execute(db);
    const row = rows[0];
    if (row?.outcome === 'inserted') {
      return { inserted: toCompany(row), reporterLeadsThatDay: Number(row.reporter_leads_that_day), reporterOnLeave: row.reporter_on_leave };
    }
    // Nothing claimed it when the statement began, but a report that raced ours
    // took the name or code before our insert (ON CONFLICT wrote nothing): null.
    return row ? { existing: toCompany(row), by: row.outcome } : null;
  }

  return {
    async record(lead) {
      // A report that raced ours took the name, the code, the phone or the
      // e-mail between our check and our write; nothing of ours was written.
      // Checked again, the statement sees the winner and names it.
      const first = await recordOnce(lead).catch((error: unknown) => (isContactKeyConflict(error) ? null : Promise.reject(error)));
      const outcome = first ?? (await recordOnce(lead));
      if (!outcome) throw new Error('a lead conflicted twice, but nothing holds its name, code or contact');
      return outcome;
    },
    async celebrateOnce(personId, date) {
      const key = `${date}|${personId}`;
      if (celebrated.has(key)) return false;
      const row = await db
        .insertInto('lead_celebrations')
        .values({ person_id: personId, work_date: date })
        .onConflict((oc) => oc.columns(['person_id', 'work_date']).doNothing())
        .returning('person_id')
        .executeTakeFirst();
      if (celebrated.size >= 100_000) celebrated.clear();
      celebrated.add(key);
      return row !== undefined;
    },
    async countsOn(date) {
      const rows = await db
        .selectFrom('leads')
        .select(['reporter_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('work_date', '=', date)
        .groupBy('reporter_id')
        .execute();
      return new Map(rows.map((r) => [r.reporter_id, Number(r.n)]));
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

type RecordOutcome = Awaited<ReturnType<LeadsPort['record']>>;

/** A unique violation of a contact's phone or e-mail key (PostgreSQL and PGlite report it alike). */
function isContactKeyConflict(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === 'contacts_phone_bidx_key' || constraint === 'contacts_email_bidx_key');
}
