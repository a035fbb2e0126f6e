import type { Ticket } from './types.ts';

/** Whom a ticket is assigned to: the owner, and the company's account manager when it has one (CLI-2). */
export const assignees = (ticket: Pick<Ticket, 'ownerId' | 'accountManagerId'>): string[] =>
  ticket.accountManagerId && ticket.accountManagerId !== ticket.ownerId ? [ticket.ownerId, ticket.accountManagerId] : [ticket.ownerId];
