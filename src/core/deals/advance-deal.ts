import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { closedRefusal, lockDealFor } from './access.ts';
import { dealCard, type DealCard } from './deal-card.ts';
import { gateMet, gateRefusal } from './gates.ts';
import { tellOwner } from './notify-owner.ts';
import { FINAL_STAGE, type DealStage } from './types.ts';

export interface AdvanceDealCommand {
  dealId: number;
  /** The stage the person saw (a card's button carries it): if the deal has moved since, nothing moves again. */
  fromStage: DealStage | null;
}

/**
 * `/deal <id> next`: one stage on (PIPE-1), only when the gate of the stage
 * being left is met (PIPE-2..4); otherwise a refusal that names what is
 * missing. The row is locked and the version checked, so two presses at once
 * move the deal once. Reaching stage 5 wins the deal.
 */
export async function advanceDeal(deps: CoreDeps, actor: Actor, cmd: AdvanceDealCommand): Promise<CoreResult<DealCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await lockDealFor(tx, actor.person, cmd.dealId);
    if ('refusal' in found) return found.refusal;
    const { deal } = found;
    if (deal.status !== 'open') return closedRefusal(deal);
    if (cmd.fromStage !== null && cmd.fromStage !== deal.stage) return refuse('deal_stage_moved', { id: deal.id, stage: deal.stage });
    const card = await dealCard(deps, tx, deal);
    if (!gateMet(card.gate)) return gateRefusal(deal, card.gate);

    const now = deps.clock.now();
    const to = (deal.stage + 1) as DealStage;
    const won = to === FINAL_STAGE;
    const moved = await tx.deals.update(deal.id, deal.version, {
      stage: to,
      updatedAt: now,
      ...(won && { status: 'won' as const, closedAt: now }),
    });
    if (!moved) return refuse('deal_stage_moved', { id: deal.id, stage: deal.stage });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: won ? 'deal.won' : 'deal.stage',
      subjectType: 'deal',
      subjectId: String(deal.id),
      platform: actor.platform,
      details: { from: deal.stage, to },
    });
    await tellOwner(tx, actor, moved, now);
    return ok(await dealCard(deps, tx, moved));
  });
}
