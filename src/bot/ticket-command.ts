import type { TicketAction } from '../commands/build/ticket.ts';
import type { Actor, CoreDeps, CoreResult } from '../core/ports.ts';
import { closeTicket } from '../core/tickets/close-ticket.ts';
import { openTicket } from '../core/tickets/open-ticket.ts';
import { respondToTicket } from '../core/tickets/respond-ticket.ts';
import { showTicket } from '../core/tickets/show-ticket.ts';
import type { TicketCard } from '../core/tickets/ticket-card.ts';
import type { ViewContext } from '../views/view-context.ts';
import { formView } from '../views/form-view.ts';
import { ticketCardView } from '../views/ticket-views.ts';
import type { View } from '../views/view.ts';
import { viewOf } from './view-of.ts';

/** `/ticket …` (CLI-4): the use case for the action, and the ticket card as the answer. */
export async function ticketCommand(deps: CoreDeps, actor: Actor, ctx: ViewContext, input: TicketAction): Promise<View> {
  let result: CoreResult<TicketCard>;
  switch (input.action) {
    case 'open':
      result = await openTicket(deps, actor, input);
      break;
    case 'show':
      result = await showTicket(deps, actor, input.ticketId);
      break;
    case 'respond':
      // The Respond button sends no text: ask for it in a form, the ticket's number filled in.
      if (input.text === null) return formView(ctx.t, 'ticket_respond', [], { ticket: String(input.ticketId) });
      result = await respondToTicket(deps, actor, { ticketId: input.ticketId, text: input.text });
      break;
    case 'close':
      result = await closeTicket(deps, actor, input.ticketId, input.note);
      break;
    default: {
      const unknown: never = input;
      throw new Error(`unknown ticket action ${JSON.stringify(unknown)}`);
    }
  }
  return viewOf(ctx.t, result, (ticket) => ticketCardView(ctx, ticket));
}
