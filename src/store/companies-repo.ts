import type { Kysely } from 'kysely';
import type { CompaniesPort, Company, CompanyPatch, Contact, Grade } from '../core/ports.ts';
import { blindIndex, blindIndexCandidates } from '../crypto/blind-index.ts';
import { decryptField, encryptField } from '../crypto/field-cipher.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { CompanyRow, Database } from './database.ts';

// GCM associated data per column: a value pasted into another column fails to decrypt.
const CONTEXT = { name: 'contact.name', phone: 'contact.phone', email: 'contact.email' } as const;

const toCompany = (row: CompanyRow): Company => ({
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
});

export function companiesRepo(db: Kysely<Database>, keyring: Keyring): CompaniesPort {
  const one = async (column: 'norm_name' | 'credit_code' | 'id', value: string | number) => {
    const row = await db.selectFrom('companies').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toCompany(row) : null;
  };
  return {
    byNormName: (normName) => one('norm_name', normName),
    byCreditCode: (code) => one('credit_code', code),
    byId: (id) => one('id', id),

    async byContact({ phone, email }) {
      const phoneKeys = phone ? blindIndexCandidates(keyring, 'phone', phone) : [];
      const emailKeys = email ? blindIndexCandidates(keyring, 'email', email) : [];
      if (!phoneKeys.length && !emailKeys.length) return null;
      const row = await db
        .selectFrom('contacts')
        .innerJoin('companies', 'companies.id', 'contacts.company_id')
        .selectAll('companies')
        .where((eb) =>
          eb.or([
            ...(phoneKeys.length ? [eb('contacts.phone_bidx', 'in', phoneKeys)] : []),
            ...(emailKeys.length ? [eb('contacts.email_bidx', 'in', emailKeys)] : []),
          ]),
        )
        .orderBy('companies.id')
        .executeTakeFirst();
      return row ? toCompany(row) : null;
    },

    async insert(company, contact) {
      // ON CONFLICT DO NOTHING: a concurrent report of the same company waits
      // for the first to commit, then inserts nothing and we name the owner.
      const row = await db
        .insertInto('companies')
        .values({
          name: company.name,
          norm_name: company.normName,
          credit_code: company.creditCode,
          region: company.region,
          owner_id: company.ownerId,
          size: company.size,
          position: company.position,
          source: company.source,
          created_at: company.createdAt,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const existing =
          (company.creditCode ? await one('credit_code', company.creditCode) : null) ??
          (await one('norm_name', company.normName));
        if (!existing) throw new Error('company insert conflicted but no existing company was found');
        return { existing };
      }
      await db
        .insertInto('contacts')
        .values({
          company_id: row.id,
          name_enc: encryptField(keyring, contact.name, CONTEXT.name),
          phone_enc: contact.phone === null ? null : encryptField(keyring, contact.phone, CONTEXT.phone),
          email_enc: contact.email === null ? null : encryptField(keyring, contact.email, CONTEXT.email),
          phone_bidx: contact.phone === null ? null : blindIndex(keyring, 'phone', contact.phone),
          email_bidx: contact.email === null ? null : blindIndex(keyring, 'email', contact.email),
          key_id: keyring.currentId,
          created_at: company.createdAt,
        })
        .execute();
      return { inserted: toCompany(row) };
    },

    async contactOf(companyId): Promise<Contact | null> {
      const row = await db
        .selectFrom('contacts')
        .select(['name_enc', 'phone_enc', 'email_enc'])
        .where('company_id', '=', companyId)
        .orderBy('id')
        .executeTakeFirst();
      if (!row) return null;
      return {
        name: decryptField(keyring, row.name_enc, CONTEXT.name),
        phone: row.phone_enc === null ? null : decryptField(keyring, row.phone_enc, CONTEXT.phone),
        email: row.email_enc === null ? null : decryptField(keyring, row.email_enc, CONTEXT.email),
      };
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
      await db
        .insertInto('grade_history')
        .values({
          company_id: companyId,
          grade: change.grade,
          source: change.source,
          annual_purchase_fen: change.annualPurchaseFen,
          reason: change.reason,
          changed_by: change.changedBy,
          changed_at: change.changedAt,
        })
        .execute();
    },

    async gradeHistory(companyId) {
      const rows = await db
        .selectFrom('grade_history')
        .selectAll()
        .where('company_id', '=', companyId)
        .orderBy('changed_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        grade: r.grade as Grade,
        source: r.source,
        annualPurchaseFen: r.annual_purchase_fen,
        reason: r.reason,
        changedBy: r.changed_by,
        changedAt: new Date(r.changed_at),
      }));
    },
  };
}
