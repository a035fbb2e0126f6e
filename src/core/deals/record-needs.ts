import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { editRefusal, lockDealFor } from './access.ts';
import { dealCard, type DealCard } from './deal-card.ts';
import type { NeedsMethod } from './types.ts';

export interface RecordNeedsCommand {
  dealId: number;
  /** Answers by question number (1-based); questions not given keep their earlier answer. */
  answers: Record<number, string>;
  method: NeedsMethod | null;
}

/**
 * `/deal <id> needs q1:… method:…` (PIPE-2): answers are merged into the
 * checklist, so it can be filled over several conversations. Allowed while
 * the deal is open and has not left needs research.
 */
export async function recordNeeds(deps: CoreDeps, actor: Actor, cmd: RecordNeedsCommand): Promise<CoreResult<DealCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await lockDealFor(tx, actor.person, cmd.dealId);
    if ('refusal' in found) return found.refusal;
    const { deal } = found;
    const locked = editRefusal(deal, 'needs');
    if (locked) return locked;

    const size = Math.max(deps.policy.pipeline.needsQuestions, deal.needsAnswers.length, ...Object.keys(cmd.answers).map(Number));
    const answers = Array.from({ length: size }, (_, i) => cmd.answers[i + 1]?.trim() || deal.needsAnswers[i] || '');
    const now = deps.clock.now();
    const updated = await tx.deals.update(deal.id, deal.version, {
      needsAnswers: answers,
      needsRecordedAt: now,
      updatedAt: now,
      ...(cmd.method !== null && { needsMethod: cmd.method }),
    });
    if (!updated) return refuse('deal_stage_moved', { id: deal.id, stage: deal.stage });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'deal.needs',
      subjectType: 'deal',
      subjectId: String(deal.id),
      platform: actor.platform,
      details: { questions: Object.keys(cmd.answers).join(','), method: cmd.method },
    });
    return ok(await dealCard(deps, tx, updated));
  });
}
