import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only after-sales tickets use (CLI-4), with their English and Chinese spellings. */
export const TICKET_KEYS = {
  problem: ['problem', 'issue', '问题', '故障'],
  response: ['response', 'reply', '回复内容'],
  ticket: ['ticket', '工单编号', '工单号'],
} as const;

export type TicketKey = SharedKeyName | keyof typeof TICKET_KEYS;
