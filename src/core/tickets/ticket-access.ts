import { isClientInsider, notInsider } from '../clients/contact-access.ts';
import type { Actor, CoreRefusal, Tx } from '../ports.ts';
import type { Company } from '../clients/types.ts';
import { refuse } from '../result.ts';
import type { Ticket } from './types.ts';

/**
 * CLI-4: a ticket is handled by its client's insiders, the same people who
 * see the client's contact data (SEC-1): the owner, the account manager and
 * the owner's managers. Asked of the company as it is now, so a client that
 * changed hands is answered by its new owner.
 */
export async function ticketForInsider(
  tx: Tx,
  actor: Actor,
  ticketId: number,
): Promise<{ ticket: Ticket; company: Company } | CoreRefusal> {
  const ticket = await tx.tickets.byId(ticketId, 'for update');
  if (!ticket) return refuse('ticket_not_found', { id: ticketId });
  const company = await tx.companies.byId(ticket.companyId);
  if (!company) throw new Error(`ticket ${ticketId} has no company ${ticket.companyId}`);
  if (!(await isClientInsider(tx, actor.person, company))) return notInsider(tx, company);
  return { ticket, company };
}

export const isRefusal = (value: object): value is CoreRefusal => 'ok' in value && value.ok === false;
