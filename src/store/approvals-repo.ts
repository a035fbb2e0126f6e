import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApprovalRequest, ApprovalStep } from '../core/approvals/types.ts';
import type { Role } from '../core/people.ts';
import type { ApprovalsTxPort } from '../core/approvals/port.ts';
import type { ApprovalRequestsTable, ApprovalStepsTable, Database } from './database.ts';

const toStep = (row: Selectable<ApprovalStepsTable>): ApprovalStep => ({
  seq: row.seq,
  role: row.role as Role,
  approverId: row.approver_id,
  status: row.status,
  pendingSince: row.pending_since ? new Date(row.pending_since) : null,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  reason: row.reason,
});

const toRequest = (row: Selectable<ApprovalRequestsTable>, steps: ApprovalStep[]): ApprovalRequest => ({
  id: row.id,
  kind: row.kind,
  requesterId: row.requester_id,
  subject: row.subject,
  amountFen: row.amount_fen,
  event: row.event,
  eventTotalFen: row.event_total_fen === null ? null : Number(row.event_total_fen),
  product: row.product,
  onDate: row.on_date,
  overBenchmark: row.over_benchmark,
  status: row.status,
  currentStep: row.current_step,
  version: row.version,
  reason: row.reason,
  createdAt: new Date(row.created_at),
  decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  steps,
});

export function approvalsRepo(db: Kysely<Database>): ApprovalsTxPort {
  const withSteps = async (rows: Selectable<ApprovalRequestsTable>[]) => {
    if (!rows.length) return [];
    const steps = await db.selectFrom('approval_steps').selectAll().where('request_id', 'in', rows.map((r) => r.id)).orderBy('seq').execute();
    return rows.map((r) => toRequest(r, steps.filter((s) => s.request_id === r.id).map(toStep)));
  };
  return {
    async create(request) {
      const row = await db
        .insertInto('approval_requests')
        .values({
          kind: request.kind,
          requester_id: request.requesterId,
          subject: request.subject,
          amount_fen: request.amountFen,
          event: request.event,
          event_key: request.eventKey,
          event_total_fen: request.eventTotalFen,
          product: request.product,
          on_date: request.onDate,
          over_benchmark: request.overBenchmark,
          status: 'pending',
          current_step: 1,
          created_at: request.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db
        .insertInto('approval_steps')
        .values(
          request.steps.map((s, i) => ({
            request_id: row.id,
            seq: i + 1,
            role: s.role,
            approver_id: s.approverId,
            status: i === 0 ? ('pending' as const) : ('waiting' as const),
            pending_since: i === 0 ? request.createdAt : null,
          })),
        )
        .execute();
      return (await withSteps([row]))[0]!;
    },

    async byId(id, lock) {
      const query = db.selectFrom('approval_requests').selectAll().where('id', '=', id);
      const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
      return row ? (await withSteps([row]))[0]! : null;
    },

    async transition(id, expectedVersion, change) {
      const moved = await db
        .updateTable('approval_requests')
        .set((eb) => ({
          version: eb('version', '+', 1),
          ...(change.status && { status: change.status }),
          ...(change.currentStep !== undefined && { current_step: change.currentStep }),
          ...(change.reason !== undefined && { reason: change.reason }),
          ...(change.decidedAt !== undefined && { decided_at: change.decidedAt }),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      for (const step of change.steps) {
        await db
          .updateTable('approval_steps')
          .set({
            status: step.status,
            ...(step.decidedBy !== undefined && { decided_by: step.decidedBy }),
            ...(step.decidedAt !== undefined && { decided_at: step.decidedAt }),
            ...(step.reason !== undefined && { reason: step.reason }),
            ...(step.approverId !== undefined && { approver_id: step.approverId }),
            ...(step.pendingSince !== undefined && { pending_since: step.pendingSince }),
          })
          .where('request_id', '=', id)
          .where('seq', '=', step.seq)
          .execute();
      }
      return true;
    },

    async waitingOn(personId) {
      const rows = await db
        .selectFrom('approval_requests')
        .innerJoin('approval_steps', (join) =>
          join.onRef('approval_steps.request_id', '=', 'approval_requests.id').onRef('approval_steps.seq', '=', 'approval_requests.current_step'),
        )
        .selectAll('approval_requests')
        .where('approval_requests.status', '=', 'pending')
        .where('approval_steps.approver_id', '=', personId)
        .orderBy('approval_requests.id')
        .execute();
      return withSteps(rows);
    },

    async pending() {
      return withSteps(await db.selectFrom('approval_requests').selectAll().where('status', '=', 'pending').orderBy('id').execute());
    },

    async eventTotal(eventKey) {
      const row = await db
        .selectFrom('approval_requests')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('amount_fen'), sql<number>`0`).as('total'))
        .where('kind', '=', 'expense')
        .where('event_key', '=', eventKey)
        .where('status', 'in', ['pending', 'approved'])
        .executeTakeFirstOrThrow();
      // pg returns a bigint sum as a string, PGlite as a number.
      return Number(row.total);
    },

    async holdEvent(eventKey) {
      // A transaction-level advisory lock (pg and PGlite alike), released at commit or rollback.
      await sql`select pg_advisory_xact_lock(hashtext(${`approval-event:${eventKey}`}))`.execute(db);
    },

    async openBy(personId) {
      const rows = await db
        .selectFrom('approval_requests')
        .selectAll()
        .where('requester_id', '=', personId)
        .where('status', '=', 'pending')
        .orderBy('id')
        .execute();
      return withSteps(rows);
    },
  };
}
