import type { Tx } from '../ports.ts';
import { respondedInTime, type Ticket } from './types.ts';

/** A ticket as its card shows it: people by name, every response, and whether the 48 hours were kept. */
export interface TicketCard {
  ticket: Ticket;
  openedBy: string;
  owner: string;
  accountManager: string | null;
  firstResponder: string | null;
  closedBy: string | null;
  /** null until the first response. */
  inTime: boolean | null;
  /** Still without a first response and past its deadline. */
  overdue: boolean;
  responses: { by: string; text: string; at: Date }[];
}

export async function ticketCard(tx: Tx, ticket: Ticket, now: Date): Promise<TicketCard> {
  const names = new Map<string, string>();
  // One after another: a transaction has one connection, so parallel queries would only queue.
  const nameOf = async (id: string | null): Promise<string | null> => {
    if (id === null) return null;
    if (!names.has(id)) names.set(id, (await tx.directory.personById(id))?.name ?? id);
    return names.get(id) ?? id;
  };
  const responses = [];
  for (const r of await tx.tickets.responses(ticket.id)) responses.push({ by: (await nameOf(r.responderId)) ?? r.responderId, text: r.text, at: r.at });
  return {
    ticket,
    openedBy: (await nameOf(ticket.openedBy)) ?? ticket.openedBy,
    owner: (await nameOf(ticket.ownerId)) ?? ticket.ownerId,
    accountManager: await nameOf(ticket.accountManagerId),
    firstResponder: await nameOf(ticket.firstResponderId),
    closedBy: await nameOf(ticket.closedBy),
    inTime: respondedInTime(ticket),
    overdue: ticket.firstResponseAt === null && ticket.closedAt === null && now.getTime() > ticket.respondBy.getTime(),
    responses,
  };
}
