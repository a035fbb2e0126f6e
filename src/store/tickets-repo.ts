import type { Kysely } from 'kysely';
import type { TicketsTxPort } from '../core/tickets/port.ts';
import type { Ticket } from '../core/tickets/types.ts';
import type { Database } from './database.ts';

const date = (value: Date | string): Date => new Date(value);
const maybeDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** CLI-4 tickets on Kysely; the company's name and account manager are joined in, never copied. */
export function ticketsRepo(db: Kysely<Database>): TicketsTxPort {
  const select = () =>
    db
      .selectFrom('tickets')
      .innerJoin('companies', 'companies.id', 'tickets.company_id')
      .selectAll('tickets')
      .select(['companies.name as company_name', 'companies.account_manager_id as account_manager_id']);

  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toTicket = (row: Row): Ticket => ({
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    accountManagerId: row.account_manager_id,
    openedBy: row.opened_by,
    ownerId: row.owner_id,
    problem: row.problem,
    openedAt: date(row.opened_at),
    respondBy: date(row.respond_by),
    firstResponseAt: maybeDate(row.first_response_at),
    firstResponderId: row.first_responder_id,
    closedAt: maybeDate(row.closed_at),
    closedBy: row.closed_by,
    version: row.version,
  });

  const byId = async (id: number, lock?: 'for update') => {
    const query = select().where('tickets.id', '=', id);
    // `for update of tickets`: the ticket row is what responses and closing change, not the company.
    const row = await (lock ? query.forUpdate('tickets') : query).executeTakeFirst();
    return row ? toTicket(row) : null;
  };

  return {
    async open(ticket) {
      const { id } = await db
        .insertInto('tickets')
        .values({
          company_id: ticket.companyId,
          opened_by: ticket.openedBy,
          owner_id: ticket.ownerId,
          problem: ticket.problem,
          opened_at: ticket.openedAt,
          respond_by: ticket.respondBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const opened = await byId(id);
      if (!opened) throw new Error(`ticket ${id} vanished after insert`);
      return opened;
    },

    byId,

    async responses(ticketId) {
      const rows = await db
        .selectFrom('ticket_responses')
        .select(['responder_id', 'text', 'at'])
        .where('ticket_id', '=', ticketId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ responderId: r.responder_id, text: r.text, at: date(r.at) }));
    },

    async respond(ticketId, expectedVersion, response) {
      const moved = await db
        .updateTable('tickets')
        .set((eb) => ({
          version: eb('version', '+', 1),
          // Only the first response stops the clock; later ones leave it as it was.
          first_response_at: eb.fn.coalesce('first_response_at', eb.val(response.at)),
          first_responder_id: eb.fn.coalesce('first_responder_id', eb.val(response.responderId)),
        }))
        .where('id', '=', ticketId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await db
        .insertInto('ticket_responses')
        .values({ ticket_id: ticketId, responder_id: response.responderId, text: response.text, at: response.at })
        .execute();
      return true;
    },

    async close(ticketId, expectedVersion, by, at) {
      const moved = await db
        .updateTable('tickets')
        .set((eb) => ({ version: eb('version', '+', 1), closed_at: at, closed_by: by }))
        .where('id', '=', ticketId)
        .where('version', '=', expectedVersion)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      return Number(moved.numUpdatedRows) === 1;
    },

    async awaitingFirstResponse(before) {
      const rows = await select()
        .where('tickets.first_response_at', 'is', null)
        .where('tickets.closed_at', 'is', null)
        .where('tickets.respond_by', '<=', before)
        .where('tickets.overdue_notified_at', 'is', null)
        .orderBy('tickets.respond_by')
        .orderBy('tickets.id')
        .execute();
      return rows.map(toTicket);
    },

    async markOverdueNotified(ticketIds, at) {
      if (!ticketIds.length) return;
      // The version stays: this is the job's bookkeeping, not a change a response or a close could collide with.
      await db.updateTable('tickets').set({ overdue_notified_at: at }).where('id', 'in', ticketIds).where('overdue_notified_at', 'is', null).execute();
    },

    async openFor(personId) {
      const rows = await select()
        .where('tickets.closed_at', 'is', null)
        .where((eb) => eb.or([eb('tickets.owner_id', '=', personId), eb('companies.account_manager_id', '=', personId)]))
        .orderBy('tickets.respond_by')
        .orderBy('tickets.id')
        .execute();
      return rows.map(toTicket);
    },
  };
}
