import { sql, type Kysely, type Selectable } from 'kysely';
import type { Grade } from '../core/clients/types.ts';
import type { IsoDate } from '../core/time.ts';
import type { PerformancePort } from '../core/performance/port.ts';
import type { Month, MonthlyGoal, QuarterReview, YearBonus } from '../core/performance/types.ts';
import type { Database, MonthlyGoalsTable, QuarterReviewsTable } from './database.ts';

/** Goals, reviews, plans and finance locks (KPI-1..7), and the reads of contracts, payments and leads they need. */
export function performanceRepo(db: Kysely<Database>): PerformancePort {
  return {
    async signedBetween(from, to) {
      const rows = await db
        .selectFrom('contracts as c')
        .innerJoin('companies as co', 'co.id', 'c.company_id')
        .innerJoin('deals as d', 'd.id', 'c.deal_id')
        .select(['c.id', 'c.owner_id', 'c.company_id', 'c.amount_fen', 'c.new_client', 'co.grade', 'd.region', 'c.signed_at'])
        .where('c.status', '=', 'signed')
        .where('c.signed_at', '>=', from)
        .where('c.signed_at', '<', to)
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        ownerId: r.owner_id,
        companyId: r.company_id,
        amountFen: Number(r.amount_fen),
        newClient: r.new_client === true,
        companyGrade: (r.grade as Grade | null) ?? null,
        region: r.region,
        signedAt: new Date(r.signed_at as Date),
      }));
    },
    async receivablesUpTo(from, upTo) {
      const paid = (eb: any, op: '<' | '<=', day: string) =>
        eb
          .selectFrom('payments as p')
          .select(sql<string | number>`coalesce(sum(p.amount_fen), 0)`.as('s'))
          .whereRef('p.contract_id', '=', 'c.id')
          .where('p.paid_on', op, day);
      const rows = await db
        .selectFrom('contracts as c')
        .select((eb) => ['c.id', 'c.owner_id', 'c.amount_fen', 'c.due_date', paid(eb, '<', from).as('before'), paid(eb, '<=', upTo).as('upto')])
        .where('c.status', '=', 'signed')
        .where('c.due_date', '<=', upTo)
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        ownerId: r.owner_id,
        amountFen: Number(r.amount_fen),
        dueDate: r.due_date,
        paidBeforeFen: Number(r.before ?? 0),
        paidUpToFen: Number(r.upto ?? 0),
      }));
    },
    async paymentsBetween(from, to) {
      const rows = await db
        .selectFrom('payments as p')
        .innerJoin('contracts as c', 'c.id', 'p.contract_id')
        .select(['c.owner_id', 'p.amount_fen', 'p.recorded_by'])
        .where('p.paid_on', '>=', from)
        .where('p.paid_on', '<=', to)
        .execute();
      return rows.map((r) => ({ ownerId: r.owner_id, amountFen: Number(r.amount_fen), byOwner: r.recorded_by === r.owner_id }));
    },
    async conversionByReporter(from, to, signedBefore) {
      const rows = await conversionCounts(db, from, to, signedBefore)
        .select('l.reporter_id')
        .groupBy('l.reporter_id')
        .orderBy('l.reporter_id')
        .execute();
      return rows.map((r) => ({ reporterId: r.reporter_id, leads: Number(r.leads), signed: Number(r.signed) }));
    },
    async leadConversion(from, to, reporterIds) {
      if (reporterIds.length === 0) return [];
      const month = sql<string>`to_char(l.work_date, 'YYYY-MM')`;
      const rows = await conversionCounts(db, from, to)
        .select(month.as('month'))
        .where('l.reporter_id', 'in', [...reporterIds])
        .groupBy(month)
        .orderBy(month)
        .execute();
      return rows.map((r) => ({ month: r.month as Month, leads: Number(r.leads), signed: Number(r.signed) }));
    },

    async salesOf(ownerIds, from, to) {
      if (!ownerIds.length) return [];
      const rows = await db
        .selectFrom('contracts')
        .select(['owner_id', 'amount_fen', 'signed_at'])
        .where('status', '=', 'signed')
        .where('owner_id', 'in', ownerIds)
        .where('signed_at', '>=', from)
        .where('signed_at', '<', to)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ownerId: r.owner_id, amountFen: Number(r.amount_fen), signedAt: new Date(r.signed_at as Date) }));
    },
    async goalsBetween(personId, fromMonth, toMonth) {
      const rows = await db
        .selectFrom('monthly_goals')
        .selectAll()
        .where('person_id', '=', personId)
        .where('month', '>=', fromMonth)
        .where('month', '<=', toMonth)
        .orderBy('month')
        .execute();
      return rows.map(toGoal);
    },
    async goal(personId, month) {
      const row = await db.selectFrom('monthly_goals').selectAll().where('person_id', '=', personId).where('month', '=', month).executeTakeFirst();
      return row ? toGoal(row) : null;
    },
    async goalsIn(month) {
      const rows = await db.selectFrom('monthly_goals').selectAll().where('month', '=', month).orderBy('person_id').execute();
      return rows.map(toGoal);
    },
    async setGoal(goal) {
      const values = {
        person_id: goal.personId,
        month: goal.month,
        sales_target_fen: goal.salesTargetFen,
        new_clients_target: goal.newClientsTarget,
        note: goal.note,
        set_by: goal.setBy,
        set_at: goal.setAt,
      };
      // An agreed goal is fixed: the update's where leaves it as it is, and no row comes back.
      const row = await db
        .insertInto('monthly_goals')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['person_id', 'month'])
            .doUpdateSet({ sales_target_fen: goal.salesTargetFen, new_clients_target: goal.newClientsTarget, note: goal.note, set_by: goal.setBy, set_at: goal.setAt })
            .where('monthly_goals.agreed_at', 'is', null),
        )
        .returning('person_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async agreeGoal(personId, month, at, setAt) {
      const result = await db
        .updateTable('monthly_goals')
        .set({ agreed_at: at })
        .where('person_id', '=', personId)
        .where('month', '=', month)
        .where('set_at', '=', setAt)
        .where('agreed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async addReviews(reviews) {
      if (!reviews.length) return [];
      const rows = await db
        .insertInto('quarter_reviews')
        .values(
          reviews.map((r) => ({
            person_id: r.personId,
            quarter: r.quarter,
            sales_fen: r.salesFen,
            new_clients: r.newClients,
            collection_rate_bp: r.collectionRateBp,
            attainment_bp: r.attainmentBp,
            passed: r.passed,
            rank: r.rank,
            bonus_multiple: r.bonusMultiple,
            computed_at: r.computedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['person_id', 'quarter']).doNothing())
        .returningAll()
        .execute();
      return rows.map(toReview);
    },
    async reviewsIn(quarter) {
      const rows = await db.selectFrom('quarter_reviews').selectAll().where('quarter', '=', quarter).orderBy('rank').orderBy('person_id').execute();
      return rows.map(toReview);
    },
    async review(personId, quarter) {
      const row = await db.selectFrom('quarter_reviews').selectAll().where('person_id', '=', personId).where('quarter', '=', quarter).executeTakeFirst();
      return row ? toReview(row) : null;
    },
    async addYearBonuses(rows) {
      if (!rows.length) return;
      await db
        .insertInto('year_bonuses')
        .values(
          rows.map((r) => ({
            person_id: r.personId,
            year: r.year,
            quarters: r.quarters,
            sales_fen: r.salesFen,
            attainment_bp: r.attainmentBp,
            rank: r.rank,
            bonus_multiple: r.bonusMultiple,
            computed_at: r.computedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['person_id', 'year']).doNothing())
        .execute();
    },
    async yearBonuses(year) {
      const rows = await db.selectFrom('year_bonuses').selectAll().where('year', '=', year).orderBy('rank').orderBy('person_id').execute();
      return rows.map(
        (r): YearBonus => ({
          personId: r.person_id,
          year: Number(r.year),
          quarters: Number(r.quarters),
          salesFen: Number(r.sales_fen),
          attainmentBp: Number(r.attainment_bp),
          rank: Number(r.rank),
          bonusMultiple: Number(r.bonus_multiple),
          computedAt: new Date(r.computed_at),
        }),
      );
    },
    async latestReview(personId) {
      const row = await db
        .selectFrom('quarter_reviews')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('quarter', 'desc')
        .executeTakeFirst();
      return row ? toReview(row) : null;
    },

    async plansMissing() {
      const rows = await db
        .selectFrom('quarter_reviews as r')
        .selectAll('r')
        .where('r.passed', '=', false)
        .where((eb) =>
          eb.and([
            eb.not(eb.exists(eb.selectFrom('improvement_plans as p').select('p.person_id').whereRef('p.person_id', '=', 'r.person_id').whereRef('p.quarter', '=', 'r.quarter'))),
            // Only the latest review counts: a later one (passed or failed) supersedes it.
            eb.not(eb.exists(eb.selectFrom('quarter_reviews as later').select('later.id').whereRef('later.person_id', '=', 'r.person_id').whereRef('later.quarter', '>', 'r.quarter'))),
          ]),
        )
        .orderBy('r.person_id')
        .execute();
      return rows.map(toReview);
    },

    async savePlan(plan) {
      const values = { person_id: plan.personId, quarter: plan.quarter, text: plan.text, submitted_at: plan.submittedAt, due_by: plan.dueBy };
      await db
        .insertInto('improvement_plans')
        .values(values)
        .onConflict((oc) => oc.columns(['person_id', 'quarter']).doUpdateSet({ text: plan.text, submitted_at: plan.submittedAt }))
        .execute();
    },
    async plan(personId, quarter) {
      const row = await db.selectFrom('improvement_plans').selectAll().where('person_id', '=', personId).where('quarter', '=', quarter).executeTakeFirst();
      return row ? { personId: row.person_id, quarter: row.quarter, text: row.text, submittedAt: new Date(row.submitted_at), dueBy: row.due_by } : null;
    },

    async lock(lock) {
      const row = await db
        .insertInto('finance_locks')
        .values({ month: lock.month, locked_by: lock.lockedBy, locked_at: lock.lockedAt })
        .onConflict((oc) => oc.column('month').doNothing())
        .returning('month')
        .executeTakeFirst();
      return row !== undefined;
    },
    async lockOf(month) {
      const row = await db.selectFrom('finance_locks').selectAll().where('month', '=', month).executeTakeFirst();
      return row ? { month: row.month, lockedBy: row.locked_by, lockedAt: new Date(row.locked_at) } : null;
    },
  };
}

type GoalRow = Selectable<MonthlyGoalsTable>;

const toGoal = (r: GoalRow): MonthlyGoal => ({
  personId: r.person_id,
  month: r.month,
  salesTargetFen: Number(r.sales_target_fen),
  newClientsTarget: Number(r.new_clients_target),
  note: r.note,
  setBy: r.set_by,
  setAt: new Date(r.set_at),
  agreedAt: r.agreed_at ? new Date(r.agreed_at) : null,
});

/** A stored review, as the repository reads it (its id is not needed). */
type ReviewRow = Omit<Selectable<QuarterReviewsTable>, 'id'>;

const toReview = (r: ReviewRow): QuarterReview => ({
  personId: r.person_id,
  quarter: r.quarter,
  salesFen: Number(r.sales_fen),
  newClients: Number(r.new_clients),
  collectionRateBp: r.collection_rate_bp === null ? null : Number(r.collection_rate_bp),
  attainmentBp: Number(r.attainment_bp),
  passed: r.passed,
  rank: r.rank === null ? null : Number(r.rank),
  bonusMultiple: Number(r.bonus_multiple),
  computedAt: new Date(r.computed_at),
});

/**
 * The leads with work dates in [from, to] counted as KPI-7 converts them:
 * `leads` the companies reported, `signed` those with a signed contract (any
 * owner), signed before `signedBefore` when given. The callers add
 * what they group by. The signed companies are joined once (a hash join),
 * not looked up again for each lead.
 */
function conversionCounts(db: Kysely<Database>, from: IsoDate, to: IsoDate, signedBefore?: Date) {
  let signedCompanies = db.selectFrom('contracts').select('company_id').distinct().where('status', '=', 'signed');
  if (signedBefore) signedCompanies = signedCompanies.where('signed_at', '<', signedBefore);
  return db
    .selectFrom('leads as l')
    .leftJoin(signedCompanies.as('s'), 's.company_id', 'l.company_id')
    .select([
      sql<string>`count(distinct l.company_id)`.as('leads'),
      sql<string>`count(distinct l.company_id) filter (where s.company_id is not null)`.as('signed'),
    ])
    .where('l.work_date', '>=', from)
    .where('l.work_date', '<=', to);
}
