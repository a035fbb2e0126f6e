import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok } from '../result.ts';
import { isRefusal, ticketForInsider } from './ticket-access.ts';
import { ticketCard, type TicketCard } from './ticket-card.ts';

/** `/ticket <id>`: the card, for the client's insiders. */
export async function showTicket(deps: CoreDeps, actor: Actor, ticketId: number): Promise<CoreResult<TicketCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await ticketForInsider(tx, actor, ticketId);
    if (isRefusal(found)) return found;
    return ok(await ticketCard(tx, found.ticket, deps.clock.now()));
  });
}
