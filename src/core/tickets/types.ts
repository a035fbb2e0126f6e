/**
 * CLI-4: an after-sales request (售后工单) and its first-response clock.
 * `respondBy` is fixed when the ticket is opened; the first response stops
 * the clock (firstResponseAt); a ticket is closed once it has been answered.
 */
export interface Ticket {
  id: number;
  companyId: number;
  /** The company's name and account manager as they are now (joined, not copied). */
  companyName: string;
  accountManagerId: string | null;
  openedBy: string;
  /** The company's owner when the ticket was opened: the one the ticket is assigned to. */
  ownerId: string;
  problem: string;
  openedAt: Date;
  respondBy: Date;
  firstResponseAt: Date | null;
  firstResponderId: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  version: number;
}

export interface TicketResponse {
  responderId: string;
  text: string;
  at: Date;
}

export interface NewTicket {
  companyId: number;
  openedBy: string;
  ownerId: string;
  problem: string;
  openedAt: Date;
  respondBy: Date;
}

/** Whether the first response came by the deadline; null while there is none. */
export const respondedInTime = (ticket: Pick<Ticket, 'firstResponseAt' | 'respondBy'>): boolean | null =>
  ticket.firstResponseAt === null ? null : ticket.firstResponseAt.getTime() <= ticket.respondBy.getTime();
