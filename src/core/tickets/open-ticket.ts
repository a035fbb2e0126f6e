import { findClient } from '../clients/find-client.ts';
import { isClientInsider, notInsider } from '../clients/contact-access.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok } from '../result.ts';
import { HOUR_MS, localDateTime } from '../time.ts';
import { ticketCard, type TicketCard } from './ticket-card.ts';
import { assignees } from './assignees.ts';

export interface OpenTicketCommand {
  company: string;
  problem: string;
}


/**
 * `/ticket <company> <problem>` (CLI-4): an after-sales request on an
 * existing client, assigned to the client's owner (and its account manager).
 * The first response is due `ticketResponseHours` clock hours after opening:
 * the source promises a 48-hour response, not two working days.
 */
export async function openTicket(deps: CoreDeps, actor: Actor, cmd: OpenTicketCommand): Promise<CoreResult<TicketCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, cmd.company);
    if (!found.ok) return found;
    const company = found.value;
    if (!(await isClientInsider(tx, actor.person, company))) return notInsider(tx, company);
    const openedAt = deps.clock.now();
    const ticket = await tx.tickets.open({
      companyId: company.id,
      openedBy: actor.person.id,
      ownerId: company.ownerId,
      problem: cmd.problem,
      openedAt,
      respondBy: new Date(openedAt.getTime() + deps.policy.clients.ticketResponseHours * HOUR_MS),
    });
    await tx.audit.record({
      at: openedAt,
      actorId: actor.person.id,
      action: 'ticket.open',
      subjectType: 'ticket',
      subjectId: String(ticket.id),
      platform: actor.platform,
      details: { company: company.id },
    });
    // Those it is assigned to hear of it, unless they opened it themselves.
    for (const personId of assignees(ticket)) {
      if (personId === actor.person.id) continue;
      await tx.outbox.enqueue(
        {
          dedupeKey: `ticket:${ticket.id}:opened:to:${personId}`,
          personId,
          notice: {
            kind: 'ticket_opened',
            ticketId: ticket.id,
            company: company.name,
            problem: ticket.problem,
            by: actor.person.name,
            respondBy: localDateTime(ticket.respondBy, deps.timezone),
          },
        },
        openedAt,
      );
    }
    return ok(await ticketCard(tx, ticket, openedAt));
  });
}
