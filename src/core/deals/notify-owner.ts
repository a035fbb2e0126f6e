import type { Actor, Tx } from '../ports.ts';
import type { Deal } from './types.ts';

/**
 * When a manager or the account manager moves or closes a deal, its owner
 * hears of it through the outbox, in the same transaction as the change.
 * The owner acting on their own deal needs no message. Keyed by the deal's
 * version, so one change is one message however often it is retried.
 */
export async function tellOwner(tx: Tx, actor: Actor, deal: Deal, at: Date): Promise<void> {
  if (actor.person.id === deal.ownerId) return;
  const change = deal.status === 'lost' ? 'lost' : deal.status === 'won' ? 'won' : 'stage';
  await tx.outbox.enqueue(
    {
      dedupeKey: `deal:${deal.id}:v${deal.version}`,
      personId: deal.ownerId,
      notice: { kind: 'deal_changed', dealId: deal.id, company: deal.companyName, by: actor.person.name, change, stage: deal.stage, reason: deal.lostReason },
    },
    at,
  );
}
