import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { closedRefusal, lockDealFor } from './access.ts';
import { dealCard, type DealCard } from './deal-card.ts';
import { tellOwner } from './notify-owner.ts';

export interface LoseDealCommand {
  dealId: number;
  reason: string;
}

/** `/deal <id> lost reason:…` (PIPE-1): closed as lost (输单) from any open stage; the reason is required. */
export async function loseDeal(deps: CoreDeps, actor: Actor, cmd: LoseDealCommand): Promise<CoreResult<DealCard>> {
  const reason = cmd.reason.trim();
  if (!reason) return refuse('reason_required');
  return deps.store.transaction(async (tx) => {
    const found = await lockDealFor(tx, actor.person, cmd.dealId);
    if ('refusal' in found) return found.refusal;
    const { deal } = found;
    if (deal.status !== 'open') return closedRefusal(deal);
    const now = deps.clock.now();
    const lost = await tx.deals.update(deal.id, deal.version, { status: 'lost', lostReason: reason, closedAt: now, updatedAt: now });
    if (!lost) return refuse('deal_stage_moved', { id: deal.id, stage: deal.stage });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'deal.lost',
      subjectType: 'deal',
      subjectId: String(deal.id),
      platform: actor.platform,
      details: { stage: deal.stage, reason },
    });
    await tellOwner(tx, actor, lost, now);
    return ok(await dealCard(deps, tx, lost));
  });
}
