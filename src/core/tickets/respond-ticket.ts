import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { isRefusal, ticketForInsider } from './ticket-access.ts';
import { ticketCard, type TicketCard } from './ticket-card.ts';
import { respondedInTime, type Ticket } from './types.ts';

export interface RespondTicketCommand {
  ticketId: number;
  text: string;
}

/**
 * `/ticket <id> respond <text>` (CLI-4). Every response is kept; the first
 * one stops the 48-hour clock, and the audit log records it with whether it
 * came in time. A closed ticket takes no more responses.
 */
export async function respondToTicket(deps: CoreDeps, actor: Actor, cmd: RespondTicketCommand): Promise<CoreResult<TicketCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await ticketForInsider(tx, actor, cmd.ticketId);
    if (isRefusal(found)) return found;
    const { ticket } = found;
    if (ticket.closedAt) return refuse('ticket_closed', { id: ticket.id });
    const at = deps.clock.now();
    return ok(await ticketCard(tx, await recordResponse(tx, actor, ticket, cmd.text, at), at));
  });
}

/**
 * Keeps a response on a ticket locked by the caller (and audits the first
 * one, with whether it came in time); answers the ticket as it is now.
 */
export async function recordResponse(tx: Tx, actor: Actor, ticket: Ticket, text: string, at: Date): Promise<Ticket> {
  // The row is locked (for update), so the version cannot have moved; the check guards a change of that.
  if (!(await tx.tickets.respond(ticket.id, ticket.version, { responderId: actor.person.id, text, at }))) {
    throw new Error(`ticket ${ticket.id} changed while it was locked`);
  }
  if (ticket.firstResponseAt === null) {
    await tx.audit.record({
      at,
      actorId: actor.person.id,
      action: 'ticket.first_response',
      subjectType: 'ticket',
      subjectId: String(ticket.id),
      platform: actor.platform,
      details: { inTime: respondedInTime({ firstResponseAt: at, respondBy: ticket.respondBy }) },
    });
  }
  const updated = await tx.tickets.byId(ticket.id);
  if (!updated) throw new Error(`ticket ${ticket.id} vanished`);
  return updated;
}
