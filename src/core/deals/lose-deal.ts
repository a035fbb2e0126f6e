import { withdrawPending } from '../approvals/decide.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
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
    await cancelOpenContract(deps, tx, actor, deal.id, now);
    await tellOwner(tx, actor, lost, now);
    return ok(await dealCard(deps, tx, lost));
  });
}

/** A contract still on its way (draft, in review, approved, returned); signed and cancelled ones stay as they are. */
const OPEN_CONTRACT = new Set(['draft', 'in_review', 'approved', 'returned']);

/**
 * A lost deal's contract goes with it, in the same transaction: it is
 * cancelled, so it can no longer be approved, signed or paid, and a review
 * still pending with legal is withdrawn (legal's card closes as any withdrawn
 * request's does, and legal is told).
 */
async function cancelOpenContract(deps: CoreDeps, tx: Tx, actor: Actor, dealId: number, at: Date): Promise<void> {
  const latest = await tx.contracts.latestOfDeal(dealId);
  if (!latest || !OPEN_CONTRACT.has(latest.status)) return;
  // Locks in the order every path takes them: deal (held), approval, contract. Submitting holds the deal too, so the review cannot change under us.
  const request = latest.status === 'in_review' && latest.approvalId !== null ? await tx.approvals.byId(latest.approvalId, 'for update') : null;
  const contract = await tx.contracts.byId(latest.id, 'for update');
  if (!contract || !OPEN_CONTRACT.has(contract.status)) return;
  if (request) await withdrawPending(deps, tx, actor, request);
  await tx.contracts.update(contract.id, { status: 'cancelled' }, at);
  await tx.audit.record({
    at,
    actorId: actor.person.id,
    action: 'contract.cancel',
    subjectType: 'contract',
    subjectId: String(contract.id),
    platform: actor.platform,
    details: { deal: dealId, was: contract.status },
  });
}
