import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { editRefusal, lockDealFor } from './access.ts';
import { dealCard, type DealCard } from './deal-card.ts';
import type { ProposalPart } from './types.ts';

export interface RecordProposalCommand {
  dealId: number;
  /** The parts given this time; the others keep what was written before. */
  parts: Partial<Record<ProposalPart, string>>;
}

/**
 * `/deal <id> proposal products:… pricing:… service:…` (PIPE-3). Allowed
 * while the deal is open and has not left the proposal stage.
 */
export async function recordProposal(deps: CoreDeps, actor: Actor, cmd: RecordProposalCommand): Promise<CoreResult<DealCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await lockDealFor(tx, actor.person, cmd.dealId);
    if ('refusal' in found) return found.refusal;
    const { deal } = found;
    const locked = editRefusal(deal, 'proposal');
    if (locked) return locked;
    const now = deps.clock.now();
    const updated = await tx.deals.update(deal.id, deal.version, { proposal: cmd.parts, proposalRecordedAt: now, updatedAt: now });
    if (!updated) return refuse('deal_stage_moved', { id: deal.id, stage: deal.stage });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'deal.proposal',
      subjectType: 'deal',
      subjectId: String(deal.id),
      platform: actor.platform,
      details: { parts: Object.keys(cmd.parts).join(',') },
    });
    return ok(await dealCard(deps, tx, updated));
  });
}
