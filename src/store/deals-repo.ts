import type { Kysely, Selectable } from 'kysely';
import type { Deal, DealStage, DealStatus, NeedsMethod } from '../core/deals/types.ts';
import type { DealsTxPort } from '../core/deals/port.ts';
import type { Database, DealsTable } from './database.ts';

type DealRow = Selectable<DealsTable> & { company_name: string };

const toDeal = (row: DealRow): Deal => ({
  id: row.id,
  companyId: row.company_id,
  companyName: row.company_name,
  ownerId: row.owner_id,
  region: row.region,
  stage: Number(row.stage) as DealStage,
  status: row.status as DealStatus,
  amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
  needsAnswers: row.needs_answers ?? [],
  needsMethod: row.needs_method as NeedsMethod | null,
  proposal: { products: row.proposal_products, pricing: row.proposal_pricing, service: row.proposal_service },
  lostReason: row.lost_reason,
  version: row.version,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  closedAt: row.closed_at ? new Date(row.closed_at) : null,
});

export function dealsRepo(db: Kysely<Database>): DealsTxPort {
  // Every read joins the company for its name; the row lock, when asked for, is taken on the deal alone.
  const select = () => db.selectFrom('deals').innerJoin('companies', 'companies.id', 'deals.company_id').selectAll('deals').select('companies.name as company_name');
  const byId = async (id: number) => {
    const row = await select().where('deals.id', '=', id).executeTakeFirst();
    return row ? toDeal(row) : null;
  };

  return {
    async create(deal) {
      const row = await db
        .insertInto('deals')
        .values({
          company_id: deal.companyId,
          owner_id: deal.ownerId,
          region: deal.region,
          stage: 1,
          status: 'open',
          amount_fen: deal.amountFen,
          created_at: deal.at,
          updated_at: deal.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await byId(row.id))!;
    },

    async byId(id, lock) {
      if (lock) {
        const locked = await db.selectFrom('deals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        if (!locked) return null;
      }
      return byId(id);
    },

    async openOfCompany(companyId) {
      const row = await select().where('deals.company_id', '=', companyId).where('deals.status', '=', 'open').orderBy('deals.id').executeTakeFirst();
      return row ? toDeal(row) : null;
    },

    async update(id, expectedVersion, patch) {
      const result = await db
        .updateTable('deals')
        .set((eb) => ({
          version: eb('version', '+', 1),
          updated_at: patch.updatedAt,
          ...(patch.stage !== undefined && { stage: patch.stage }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.needsAnswers !== undefined && { needs_answers: JSON.stringify(patch.needsAnswers) }),
          ...(patch.needsMethod !== undefined && { needs_method: patch.needsMethod }),
          ...(patch.needsRecordedAt !== undefined && { needs_recorded_at: patch.needsRecordedAt }),
          ...(patch.proposal?.products !== undefined && { proposal_products: patch.proposal.products }),
          ...(patch.proposal?.pricing !== undefined && { proposal_pricing: patch.proposal.pricing }),
          ...(patch.proposal?.service !== undefined && { proposal_service: patch.proposal.service }),
          ...(patch.proposalRecordedAt !== undefined && { proposal_recorded_at: patch.proposalRecordedAt }),
          ...(patch.lostReason !== undefined && { lost_reason: patch.lostReason }),
          ...(patch.closedAt !== undefined && { closed_at: patch.closedAt }),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? byId(id) : null;
    },

    async listOpen(scope) {
      let query = select().where('deals.status', '=', 'open');
      if (scope.kind === 'region') query = query.where('deals.region', '=', scope.region);
      if (scope.kind === 'mine') {
        // Mine: the deals I own, and those of the clients I manage as account manager (CLI-2).
        query = query.where((eb) => eb.or([eb('deals.owner_id', '=', scope.personId), eb('companies.account_manager_id', '=', scope.personId)]));
      }
      return (await query.orderBy('deals.id').execute()).map(toDeal);
    },

    async contractsOf(dealId) {
      const rows = await db.selectFrom('contracts').select(['id', 'status']).where('deal_id', '=', dealId).orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, status: r.status }));
    },
  };
}
