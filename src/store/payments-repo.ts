import { type Kysely, type Selectable, sql } from 'kysely';
import type { PaymentsTxPort } from '../core/contracts/port.ts';
import type { Database, PaymentsTable } from './database.ts';

type PaymentRow = Selectable<PaymentsTable>;

/** CON-3 payments; finance_locks (KPI-3) are written by the finance check, only read here. */
export function paymentsRepo(db: Kysely<Database>): PaymentsTxPort {
  return {
    async insert(p) {
      // KPI-3, whatever the route: a payment is never written into a month finance has locked.
      // The use case refuses such a payment with a reason first; getting here with one is a bug.
      const result = await sql<PaymentRow>`
        insert into payments (contract_id, amount_fen, paid_on, recorded_by, recorded_at)
        select ${p.contractId}::integer, ${p.amountFen}::bigint, ${p.paidOn}::date, ${p.recordedBy}::text, ${p.recordedAt}::timestamptz
        where not exists (select 1 from finance_locks where month = ${p.paidOn.slice(0, 7)})
        returning *`.execute(db);
      const row = result.rows[0];
      if (!row) throw new Error(`payment dated ${p.paidOn} falls in a month finance has locked`);
      return { id: row.id, contractId: row.contract_id, amountFen: Number(row.amount_fen), paidOn: row.paid_on, recordedBy: row.recorded_by, recordedAt: new Date(row.recorded_at) };
    },
    async receivedFor(contractId) {
      const row = await db
        .selectFrom('payments')
        .select(sql<number | string>`coalesce(sum(amount_fen), 0)`.as('n'))
        .where('contract_id', '=', contractId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async isLocked(month) {
      return (await db.selectFrom('finance_locks').select('month').where('month', '=', month).executeTakeFirst()) !== undefined;
    },
    async holdMonth(month) {
      // A transaction-level advisory lock (pg and PGlite alike), released at commit or rollback.
      await sql`select pg_advisory_xact_lock(hashtext(${`finance-month:${month}`}))`.execute(db);
    },
    async openReceivablesDueBy(dueBy) {
      const rows = await db
        .selectFrom('contracts')
        .innerJoin('companies', 'companies.id', 'contracts.company_id')
        .leftJoin('payments', 'payments.contract_id', 'contracts.id')
        .select([
          'contracts.id',
          'contracts.owner_id',
          'contracts.amount_fen',
          'contracts.due_date',
          'companies.name',
          sql<number | string>`coalesce(sum(payments.amount_fen), 0)`.as('received'),
        ])
        .where('contracts.status', '=', 'signed')
        .where('contracts.due_date', '<=', dueBy)
        .groupBy(['contracts.id', 'contracts.owner_id', 'contracts.amount_fen', 'contracts.due_date', 'companies.name'])
        .having(sql`coalesce(sum(payments.amount_fen), 0)`, '<', sql`contracts.amount_fen`)
        .orderBy('contracts.due_date')
        .orderBy('contracts.id')
        .execute();
      return rows.map((r) => ({
        contractId: r.id,
        companyName: r.name,
        ownerId: r.owner_id,
        amountFen: Number(r.amount_fen),
        receivedFen: Number(r.received),
        dueDate: r.due_date,
      }));
    },
  };
}
