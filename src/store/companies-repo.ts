import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { CompaniesTxPort } from '../core/clients/port.ts';
import type { Company, CompanyPatch, Contact, Grade, GradeChange } from '../core/clients/types.ts';
import type { ClaimKeys } from '../core/leads/types.ts';
import { blindIndexCandidates } from '../crypto/blind-index.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { openContact } from './contact-columns.ts';
import type { CompanyRow, Database, GradeHistoryTable } from './database.ts';

export const toCompany = (row: CompanyRow): Company => ({
  id: row.id,
  name: row.name,
  normName: row.norm_name,
  creditCode: row.credit_code,
  region: row.region,
  ownerId: row.owner_id,
  size: row.size,
  position: row.position,
  source: row.source,
  accountManagerId: row.account_manager_id,
  annualPurchaseFen: row.annual_purchase_fen,
  grade: row.grade as Grade | null,
  gradeOverridden: row.grade_overridden,
  customerSince: row.customer_since ? new Date(row.customer_since) : null,
  createdAt: new Date(row.created_at),
  duplicateOf: row.duplicate_of,
});

/** Every column of `companies`, in table order: a union of company rows must name them alike. */
export const COMPANY_COLUMNS = sql.raw(
  'id, name, norm_name, credit_code, region, owner_id, size, position, source, account_manager_id, annual_purchase_fen, grade, grade_overridden, customer_since, created_at, duplicate_of, duplicate_flag',
);

/**
 * LEAD-2 as a query: the company that already holds this credit code, else
 * this name (the name's holder, the oldest row; 'name_code' when both have a
 * credit code and they differ: a likely duplicate), else this phone or e-mail
 * (through their blind indexes), the strongest match first, with how it
 * matched. Part of the lead's one statement.
 */
export function claimedCompanySql(keyring: Keyring, { normName, creditCode, phone, email }: ClaimKeys): RawBuilder<unknown> {
  const bidx = [
    ...(phone ? blindIndexCandidates(keyring, 'phone', phone) : []),
    ...(email ? blindIndexCandidates(keyring, 'email', email) : []),
  ];
  const byCode = creditCode ? sql`select ${COMPANY_COLUMNS}, 'code' as matched, 1 as rank from companies where credit_code = ${creditCode} union all ` : sql``;
  const byContact = bidx.length
    ? sql` union all select ${COMPANY_COLUMNS}, 'contact' as matched, 3 as rank from companies
        where id in (select company_id from contacts where phone_bidx in (${sql.join(bidx)}) or email_bidx in (${sql.join(bidx)}))`
    : sql``;
  return sql`select * from (
      ${byCode}select ${COMPANY_COLUMNS},
        case when credit_code is not null and ${creditCode}::text is not null and credit_code <> ${creditCode} then 'name_code' else 'name' end as matched,
        2 as rank from companies where norm_name = ${normName}${byContact}
    ) found order by rank, duplicate_of nulls first, id limit 1`;
}

const toGradeChange = (r: Selectable<GradeHistoryTable>): GradeChange => ({
  id: r.id,
  grade: r.grade as Grade,
  source: r.source,
  annualPurchaseFen: r.annual_purchase_fen === null ? null : Number(r.annual_purchase_fen),
  reason: r.reason,
  changedBy: r.changed_by,
  changedAt: new Date(r.changed_at),
  status: r.status,
  previousGrade: (r.previous_grade as Grade | null) ?? null,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
});

export function companiesRepo(db: Kysely<Database>, keyring: Keyring): CompaniesTxPort {
  const one = async (column: 'credit_code' | 'id', value: string | number, lock?: 'for update') => {
    const query = db.selectFrom('companies').selectAll().where(column, '=', value).orderBy('id');
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row ? toCompany(row) : null;
  };
  return {
    async byNormName(normName, lock) {
      const query = db
        .selectFrom('companies')
        .selectAll()
        .where('norm_name', '=', normName)
        .orderBy(sql`duplicate_of nulls first`)
        .orderBy('id');
      return (await (lock ? query.forUpdate() : query).execute()).map(toCompany);
    },
    byCreditCode: (creditCode, lock) => one('credit_code', creditCode, lock),
    byId: (id, lock) => one('id', id, lock),

    async contactOf(companyId): Promise<Contact | null> {
      const row = await db
        .selectFrom('contacts')
        .select(['name_enc', 'phone_enc', 'email_enc'])
        .where('company_id', '=', companyId)
        .orderBy('id')
        .executeTakeFirst();
      return row ? openContact(keyring, row) : null;
    },

    async customersOf(personId) {
      const rows = await db
        .selectFrom('companies')
        .selectAll()
        .where('customer_since', 'is not', null)
        .where((eb) => eb.or([eb('owner_id', '=', personId), eb('account_manager_id', '=', personId)]))
        .orderBy('name')
        .execute();
      return rows.map(toCompany);
    },

    async namesFor(scope, typed, limit) {
      // LIKE's own wildcards in what was typed are matched as themselves.
      const pattern = `%${typed.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .selectFrom('companies')
        .select('name')
        .distinct()
        .where((eb) =>
          scope.all
            ? eb.lit(true)
            : eb.or([eb('owner_id', '=', scope.personId), eb('account_manager_id', '=', scope.personId), ...(scope.region !== undefined ? [eb('region', '=', scope.region)] : [])]),
        )
        .where(sql<boolean>`normalize(name, NFKC) ilike ${pattern}`)
        .orderBy('name')
        .limit(limit)
        .execute();
      return rows.map((r) => r.name);
    },

    async aClassWithoutAccountManager() {
      const rows = await db.selectFrom('companies').selectAll().where('grade', '=', 'A').where('account_manager_id', 'is', null).orderBy('id').execute();
      return rows.map(toCompany);
    },

    async update(companyId, patch: CompanyPatch) {
      const row = await db
        .updateTable('companies')
        .set({
          ...(patch.grade !== undefined && { grade: patch.grade }),
          ...(patch.gradeOverridden !== undefined && { grade_overridden: patch.gradeOverridden }),
          ...(patch.annualPurchaseFen !== undefined && { annual_purchase_fen: patch.annualPurchaseFen }),
          ...(patch.customerSince !== undefined && { customer_since: patch.customerSince }),
          ...(patch.accountManagerId !== undefined && { account_manager_id: patch.accountManagerId }),
        })
        .where('id', '=', companyId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCompany(row);
    },

    async addGradeChange(companyId, change) {
      const row = await db
        .insertInto('grade_history')
        .values({
          company_id: companyId,
          grade: change.grade,
          source: change.source,
          annual_purchase_fen: change.annualPurchaseFen,
          reason: change.reason,
          changed_by: change.changedBy,
          changed_at: change.changedAt,
          status: change.status ?? 'effective',
          previous_grade: change.previousGrade ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async gradeHistory(companyId) {
      const rows = await db
        .selectFrom('grade_history')
        .selectAll()
        .where('company_id', '=', companyId)
        .orderBy('changed_at')
        .orderBy('id')
        .execute();
      return rows.map(toGradeChange);
    },

    async pendingGradeChange(companyId) {
      const row = await db.selectFrom('grade_history').selectAll().where('company_id', '=', companyId).where('status', '=', 'pending').executeTakeFirst();
      return row ? toGradeChange(row) : null;
    },

    async decideGradeChange(changeId, status, by, at) {
      const result = await db
        .updateTable('grade_history')
        .set({ status, decided_by: by, decided_at: at })
        .where('id', '=', changeId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
