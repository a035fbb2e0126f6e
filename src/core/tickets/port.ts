import type { NewTicket, Ticket, TicketResponse } from './types.ts';

/** CLI-4: after-sales tickets and their responses. */
export interface TicketsPort {
  open(ticket: NewTicket): Promise<Ticket>;
  byId(id: number): Promise<Ticket | null>;
  responses(ticketId: number): Promise<TicketResponse[]>;
  /** Keeps the response; the first one also stops the clock. False when the ticket moved on since `expectedVersion`. */
  respond(ticketId: number, expectedVersion: number, response: TicketResponse): Promise<boolean>;
  close(ticketId: number, expectedVersion: number, by: string, at: Date): Promise<boolean>;
  /**
   * Open tickets still without a first response whose deadline is at or
   * before `before`, oldest deadline first; not those already marked overdue-notified.
   */
  awaitingFirstResponse(before: Date): Promise<Ticket[]>;
  /** Marks tickets whose overdue notices are queued, so the sla job reads them no more. */
  markOverdueNotified(ticketIds: number[], at: Date): Promise<void>;
  /** Open tickets assigned to this person as owner or as the company's account manager. */
  openFor(personId: string): Promise<Ticket[]>;
}

/** Tickets in a transaction: a ticket can also be locked while it is answered or closed. */
export interface TicketsTxPort extends TicketsPort {
  /** `for update` holds the row until the transaction ends: responses and closing queue up. */
  byId(id: number, lock?: 'for update'): Promise<Ticket | null>;
}
