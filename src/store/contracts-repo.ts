import { type Kysely, sql } from 'kysely';
import type { Contract, ContractStatus, DealForContract, SignMethod } from '../core/contracts/types.ts';
import type { ContractsTxPort } from '../core/contracts/port.ts';
import type { ContractsTable, Database } from './database.ts';
import type { Selectable } from 'kysely';

type Row = Selectable<ContractsTable> & { company_name: string };

const toContract = (row: Row): Contract => ({
  id: row.id,
  dealId: row.deal_id,
  companyId: row.company_id,
  companyName: row.company_name,
  ownerId: row.owner_id,
  amountFen: Number(row.amount_fen),
  deliveryDate: row.delivery_date,
  paymentMethod: row.payment_method,
  termDays: row.term_days,
  penaltyBp: row.penalty_bp,
  signMethod: row.sign_method as SignMethod,
  status: row.status as ContractStatus,
  approvalId: row.approval_id,
  reviewComment: row.review_comment,
  dueDate: row.due_date,
  signedAt: row.signed_at ? new Date(row.signed_at) : null,
  newClient: row.new_client,
  rewardFen: row.reward_fen === null ? null : Number(row.reward_fen),
  signRef: row.sign_ref ?? null,
  version: row.version,
  createdAt: new Date(row.created_at),
});

/** Contracts with their company's name; deals only as far as a contract needs them. */
export function contractsRepo(db: Kysely<Database>): ContractsTxPort {
  const select = () =>
    db.selectFrom('contracts').innerJoin('companies', 'companies.id', 'contracts.company_id').selectAll('contracts').select('companies.name as company_name');
  const byId = async (id: number) => {
    const row = await select().where('contracts.id', '=', id).executeTakeFirst();
    return row ? toContract(row) : null;
  };
  return {
    async dealForContract(dealId, lock) {
      const query = db.selectFrom('deals').select(['id', 'company_id', 'owner_id', 'region', 'stage', 'status']).where('id', '=', dealId);
      const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
      return row
        ? ({ id: row.id, companyId: row.company_id, ownerId: row.owner_id, region: row.region, stage: row.stage, status: row.status } as DealForContract)
        : null;
    },
    async latestOfDeal(dealId) {
      const row = await select().where('contracts.deal_id', '=', dealId).where('contracts.status', '!=', 'cancelled').orderBy('contracts.id', 'desc').executeTakeFirst();
      return row ? toContract(row) : null;
    },
    async byId(id, lock) {
      // The lock is taken on the contract row alone (a join cannot be locked on PGlite and pg alike without naming it).
      if (lock) await db.selectFrom('contracts').select('id').where('id', '=', id).forUpdate().execute();
      return byId(id);
    },
    async byApproval(approvalId) {
      const row = await select().where('contracts.approval_id', '=', approvalId).executeTakeFirst();
      return row ? toContract(row) : null;
    },
    async create(c) {
      const { id } = await db
        .insertInto('contracts')
        .values({
          deal_id: c.dealId,
          company_id: c.companyId,
          owner_id: c.ownerId,
          amount_fen: c.amountFen,
          delivery_date: c.deliveryDate,
          payment_method: c.paymentMethod,
          term_days: c.termDays,
          penalty_bp: c.penaltyBp,
          sign_method: c.signMethod,
          status: 'draft',
          due_date: c.dueDate,
          created_at: c.createdAt,
          updated_at: c.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await byId(id))!;
    },
    async update(id, change, at) {
      await db
        .updateTable('contracts')
        .set({
          ...(change.amountFen !== undefined && { amount_fen: change.amountFen }),
          ...(change.deliveryDate !== undefined && { delivery_date: change.deliveryDate }),
          ...(change.paymentMethod !== undefined && { payment_method: change.paymentMethod }),
          ...(change.termDays !== undefined && { term_days: change.termDays }),
          ...(change.penaltyBp !== undefined && { penalty_bp: change.penaltyBp }),
          ...(change.signMethod !== undefined && { sign_method: change.signMethod }),
          ...(change.status !== undefined && { status: change.status }),
          ...(change.approvalId !== undefined && { approval_id: change.approvalId }),
          ...(change.reviewComment !== undefined && { review_comment: change.reviewComment }),
          ...(change.dueDate !== undefined && { due_date: change.dueDate }),
          ...(change.signedAt !== undefined && { signed_at: change.signedAt }),
          ...(change.newClient !== undefined && { new_client: change.newClient }),
          ...(change.rewardFen !== undefined && { reward_fen: change.rewardFen }),
          ...(change.signRef !== undefined && { sign_ref: change.signRef }),
          version: sql`version + 1`,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
      return (await byId(id))!;
    },
    async signedCountOfCompany(companyId, exceptContractId) {
      const row = await db
        .selectFrom('contracts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('company_id', '=', companyId)
        .where('status', '=', 'signed')
        .where('id', '!=', exceptContractId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async holdRegionQuarter(region, quarter) {
      // A transaction-level advisory lock (pg and PGlite alike), released at commit or rollback.
      await sql`select pg_advisory_xact_lock(hashtext(${`travel-fund:${region}:${quarter}`}))`.execute(db);
    },
    async newAClientsSigned(region, from, to) {
      const row = await db
        .selectFrom('contracts')
        .innerJoin('deals', 'deals.id', 'contracts.deal_id')
        .innerJoin('companies', 'companies.id', 'contracts.company_id')
        .select((eb) => eb.fn.count<number | string>('contracts.company_id').distinct().as('n'))
        .where('contracts.status', '=', 'signed')
        .where('contracts.new_client', '=', true)
        .where('companies.grade', '=', 'A')
        .where('deals.region', '=', region)
        .where('contracts.signed_at', '>=', from)
        .where('contracts.signed_at', '<', to)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
