import type { TicketCard } from '../core/tickets/ticket-card.ts';
import { localDateTime } from '../core/time.ts';
import type { ViewContext } from './view-context.ts';
import type { Block, Button, View } from './view.ts';

/**
 * The ticket card (CLI-4): what the client reported, by when the first
 * response is due, and what was answered. No contact data: a ticket may be
 * shown wherever the command was typed.
 */
export function ticketCardView({ t, timezone }: ViewContext, card: TicketCard): View {
  const { ticket } = card;
  const at = (instant: Date) => localDateTime(instant, timezone);
  const status = ticket.closedAt
    ? t('ticket.status.closed', { by: card.closedBy ?? '', at: at(ticket.closedAt) })
    : card.overdue
      ? t('ticket.status.overdue')
      : ticket.firstResponseAt
        ? t('ticket.status.answered')
        : t('ticket.status.waiting');
  const fields = [
    { label: t('ticket.company'), value: ticket.companyName },
    { label: t('ticket.problem'), value: ticket.problem },
    { label: t('ticket.opened'), value: t('ticket.opened.value', { at: at(ticket.openedAt), by: card.openedBy }) },
    { label: t('ticket.owner'), value: card.accountManager ? t('ticket.owner.with_account_manager', { owner: card.owner, accountManager: card.accountManager }) : card.owner },
    { label: t('ticket.respond_by'), value: t('ticket.respond_by.value', { at: at(ticket.respondBy) }) },
    { label: t('ticket.status'), value: status },
    ...(ticket.firstResponseAt
      ? [
          {
            label: t('ticket.first_response'),
            value: t(card.inTime ? 'ticket.first_response.in_time' : 'ticket.first_response.late', {
              at: at(ticket.firstResponseAt),
              by: card.firstResponder ?? '',
            }),
          },
        ]
      : []),
  ];
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (card.responses.length) {
    blocks.push(
      { type: 'text', text: t('ticket.responses') },
      { type: 'list', items: card.responses.map((r) => t('ticket.response.item', { at: at(r.at), by: r.by, text: r.text })) },
    );
  }
  if (!ticket.closedAt) {
    const buttons: Button[] = [{ label: t('button.ticket_respond'), command: `/ticket ${ticket.id} respond`, style: 'primary' }];
    // Closing an unanswered ticket is refused (core/tickets/close-ticket.ts), so the button comes with the first response.
    if (ticket.firstResponseAt) buttons.push({ label: t('button.ticket_close'), command: `/ticket ${ticket.id} close` });
    blocks.push({ type: 'actions', buttons });
  }
  return {
    tone: ticket.closedAt ? 'success' : card.overdue ? 'warning' : 'info',
    title: t('ticket.title', { id: ticket.id, company: ticket.companyName }),
    blocks,
  };
}
