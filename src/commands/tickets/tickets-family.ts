import type { CommandFamily } from '../family.ts';
import { buildTicket, type TicketAction } from './read-ticket.ts';
import { runTicket } from './run-ticket.ts';
import { TICKET_FORMS } from './ticket-forms.ts';
import { TICKET_KEYS, type TicketKey } from './ticket-keys.ts';

export type TicketsCommand = { kind: 'ticket'; input: TicketAction };

/** `/ticket` (CLI-4): open an after-sales ticket, respond within the policy's hours, close it. */
export const ticketsFamily = {
  name: 'tickets',
  keys: TICKET_KEYS,
  commands: {
    ticket: {
      words: { en: ['ticket'], 'zh-CN': ['工单', '售后'] },
      keys: ['problem', 'response'],
      freeText: ['problem', 'response'],
      freeWords: true,
      read: (raw) => {
        const ticket = buildTicket(raw);
        return ticket.ok ? { ok: true, value: { kind: 'ticket', input: ticket.value } } : ticket;
      },
    },
  },
  forms: TICKET_FORMS,
  kinds: ['ticket'],
  run: (command, env) => runTicket(command.input, env),
} satisfies CommandFamily<TicketsCommand, TicketKey>;
