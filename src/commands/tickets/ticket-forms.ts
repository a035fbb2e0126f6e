import type { FormSpec } from '../family.ts';
import { companyField, multilineField, wordsField } from '../../grammar/form-field.ts';
import type { TicketKey } from './ticket-keys.ts';

export const TICKET_FORMS = {
  ticket: { command: 'ticket', fields: [companyField('company'), multilineField('problem', true)] },
  /** Opened by a ticket's Respond button: the ticket's number filled in, the response asked for; it reads as `/ticket <id> respond response:…`. */
  ticket_respond: { command: 'ticket', fields: [wordsField('ticket'), multilineField('response', true)], words: (id) => `${id} respond`.trim(), asTyped: true },
} as const satisfies Record<string, FormSpec<TicketKey>>;
