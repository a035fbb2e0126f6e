import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { isRefusal, ticketForInsider } from './ticket-access.ts';
import { ticketCard, type TicketCard } from './ticket-card.ts';
import { recordResponse } from './respond-ticket.ts';

/**
 * `/ticket <id> close` (CLI-4).
 *
 * Reading: a ticket that was never answered cannot be closed. CLI-4 promises
 * the client a first response; closing an unanswered ticket would stop the
 * 48-hour clock without one and hide the breach from the sla job. Whoever
 * wants to close it writes a response first (even "solved on the phone"), or
 * gives one with the close (`/ticket 12 close 已解决`): that note is kept as
 * a response, in the same transaction, and may be the first one.
 */
export async function closeTicket(deps: CoreDeps, actor: Actor, ticketId: number, note: string | null = null): Promise<CoreResult<TicketCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await ticketForInsider(tx, actor, ticketId);
    if (isRefusal(found)) return found;
    let { ticket } = found;
    if (ticket.closedAt) return refuse('ticket_closed', { id: ticket.id });
    const at = deps.clock.now();
    if (note !== null) {
      ticket = await recordResponse(tx, actor, ticket, note, at);
    }
    if (ticket.firstResponseAt === null) return refuse('ticket_needs_response', { id: ticket.id });
    if (!(await tx.tickets.close(ticket.id, ticket.version, actor.person.id, at))) {
      throw new Error(`ticket ${ticket.id} changed while it was locked`);
    }
    await tx.audit.record({
      at,
      actorId: actor.person.id,
      action: 'ticket.close',
      subjectType: 'ticket',
      subjectId: String(ticket.id),
      platform: actor.platform,
    });
    const updated = await tx.tickets.byId(ticket.id);
    if (!updated) throw new Error(`ticket ${ticket.id} vanished`);
    return ok(await ticketCard(tx, updated, at));
  });
}
