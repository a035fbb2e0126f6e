import { sql, type Kysely } from 'kysely';
import type { ExportsPort } from '../core/exports/port.ts';
import { instants } from '../core/performance/periods.ts';
import { localDate } from '../core/time.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { openContact } from './contact-columns.ts';
import type { Database } from './database.ts';

/** A company's first contact (the one its lead recorded), as a lateral join: one row a company. */
const firstContact = sql`lateral (select name_enc, phone_enc, email_enc from contacts where contacts.company_id = c.id order by contacts.id limit 1)`;

/** The reads of `/export` (SEC-2): one statement each, contacts decrypted here and masked by the core. */
export function exportsRepo(db: Kysely<Database>, keyring: Keyring): ExportsPort {
  const contactOf = (r: { name_enc: string | null; phone_enc: string | null; email_enc: string | null }) =>
    r.name_enc === null ? null : openContact(keyring, { name_enc: r.name_enc, phone_enc: r.phone_enc, email_enc: r.email_enc });
  const day = (value: Date | string | null, zone: string) => (value === null ? null : localDate(new Date(value), zone));
  return {
    async leads(region, period, _zone, limit) {
      const { rows } = await sql<{
        work_date: string; name: string; credit_code: string | null; region: string; owner_id: string; owner_name: string | null; reporter_name: string | null;
        size: string; position: string; source: string | null; account_manager_id: string | null; name_enc: string | null; phone_enc: string | null; email_enc: string | null;
      }>`select l.work_date, c.name, c.credit_code, c.region, c.owner_id, o.name as owner_name, r.name as reporter_name, c.size, c.position, c.source,
            c.account_manager_id, k.name_enc, k.phone_enc, k.email_enc
          from leads l join companies c on c.id = l.company_id
          left join people o on o.id = c.owner_id left join people r on r.id = l.reporter_id
          left join ${firstContact} k on true
          where l.work_date between ${period.from} and ${period.to} and (${region}::text is null or c.region = ${region}::text)
          order by l.work_date, l.id limit ${limit}`.execute(db);
      return rows.map((r) => ({
        reportedOn: r.work_date, company: r.name, creditCode: r.credit_code, region: r.region, ownerId: r.owner_id, ownerName: r.owner_name ?? r.owner_id,
        reporterName: r.reporter_name ?? '', size: r.size, position: r.position, source: r.source, accountManagerId: r.account_manager_id, contact: contactOf(r),
      }));
    },
    async clients(region, period, zone, limit) {
      const bounds = period ? instants(period, zone) : null;
      const { rows } = await sql<{
        name: string; credit_code: string | null; region: string; owner_id: string; owner_name: string | null; account_manager_id: string | null; manager_name: string | null;
        grade: string | null; annual_purchase_fen: number | string | null; customer_since: Date | string | null; name_enc: string | null; phone_enc: string | null; email_enc: string | null;
      }>`select c.name, c.credit_code, c.region, c.owner_id, o.name as owner_name, c.account_manager_id, m.name as manager_name, c.grade, c.annual_purchase_fen,
            c.customer_since, k.name_enc, k.phone_enc, k.email_enc
          from companies c left join people o on o.id = c.owner_id left join people m on m.id = c.account_manager_id
          left join ${firstContact} k on true
          where c.customer_since is not null and (${region}::text is null or c.region = ${region}::text)
            and (${bounds?.from ?? null}::timestamptz is null or (c.customer_since >= ${bounds?.from ?? null}::timestamptz and c.customer_since < ${bounds?.to ?? null}::timestamptz))
          order by c.name, c.id limit ${limit}`.execute(db);
      return rows.map((r) => ({
        company: r.name, creditCode: r.credit_code, region: r.region, ownerId: r.owner_id, ownerName: r.owner_name ?? r.owner_id, accountManagerId: r.account_manager_id,
        accountManagerName: r.manager_name, grade: r.grade, annualPurchaseFen: r.annual_purchase_fen === null ? null : Number(r.annual_purchase_fen),
        customerSince: day(r.customer_since, zone), contact: contactOf(r),
      }));
    },
    async deals(region, period, zone, limit) {
      const { from, to } = instants(period, zone);
      const rows = await db
        .selectFrom('deals as d')
        .innerJoin('companies as c', 'c.id', 'd.company_id')
        .leftJoin('people as o', 'o.id', 'd.owner_id')
        .select(['d.id', 'c.name', 'd.region', 'd.owner_id', 'o.name as owner_name', 'd.stage', 'd.status', 'd.amount_fen', 'd.created_at', 'd.closed_at', 'd.lost_reason'])
        .where('d.created_at', '>=', from)
        .where('d.created_at', '<', to)
        .$if(region !== null, (q) => q.where('d.region', '=', region!))
        .orderBy('d.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id, company: r.name, region: r.region, ownerName: r.owner_name ?? r.owner_id, stage: r.stage, status: r.status,
        amountFen: r.amount_fen === null ? null : Number(r.amount_fen), openedOn: day(r.created_at, zone)!, closedOn: day(r.closed_at, zone), lostReason: r.lost_reason,
      }));
    },
  };
}
