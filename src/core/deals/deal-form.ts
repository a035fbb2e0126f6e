import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { editRefusal, mayActOnDeal, notDealInsider } from './access.ts';
import { NEEDS_QUESTIONS_WRITTEN, PROPOSAL_PARTS } from './types.ts';

export type DealForm = 'needs' | 'proposal' | 'lost';

/**
 * What a deal's form opens with, keyed by the form's fields: the deal's
 * number, and for the needs checklist (q1..q10, the method) or the proposal
 * (its parts) what is written so far.
 */
export type DealFormValues = Record<string, string>;

/**
 * The needs, proposal or Lost… form of a deal, for those who may act on it.
 * A form whose submission could only be refused (a closed deal, a part past
 * its stage: editRefusal, the same check the change makes) is refused now.
 */
export async function openDealForm(deps: CoreDeps, actor: Actor, dealId: number, form: DealForm): Promise<CoreResult<DealFormValues>> {
  return deps.store.transaction(async (tx) => {
    const deal = await tx.deals.byId(dealId);
    if (!deal) return refuse('deal_not_found', { id: dealId });
    if (!(await mayActOnDeal(tx, actor.person, deal))) return notDealInsider(tx, deal);
    const locked = editRefusal(deal, form);
    if (locked) return locked;
    const values: DealFormValues = { deal_id: String(deal.id) };
    if (form === 'proposal') {
      for (const part of PROPOSAL_PARTS) {
        const text = deal.proposal[part];
        if (text) values[part] = text;
      }
    }
    if (form === 'needs') {
      deal.needsAnswers.forEach((answer, i) => {
        if (answer && i < NEEDS_QUESTIONS_WRITTEN) values[`q${i + 1}`] = answer;
      });
      if (deal.needsMethod) values.method = deal.needsMethod;
    }
    return ok(values);
  });
}
