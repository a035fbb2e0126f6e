import type { DealAction } from './read-deal.ts';
import { advanceDeal } from '../../core/deals/advance-deal.ts';
import type { DealCard } from '../../core/deals/deal-card.ts';
import { listDeals } from '../../core/deals/list-deals.ts';
import { loseDeal } from '../../core/deals/lose-deal.ts';
import { openDeal } from '../../core/deals/open-deal.ts';
import { recordNeeds } from '../../core/deals/record-needs.ts';
import { recordProposal } from '../../core/deals/record-proposal.ts';
import { showDeal } from '../../core/deals/show-deal.ts';
import { openDealForm, type DealForm } from '../../core/deals/deal-form.ts';
import type { CoreResult } from '../../core/ports.ts';
import { dealCardView, dealListView, dealRefusalView, type DealEvent } from '../../views/deal-views.ts';
import { formView } from '../../views/form-view.ts';
import type { View } from '../../views/view.ts';
import type { RunEnv } from '../family.ts';
import { DEAL_FORMS } from './deal-forms.ts';

/** `/deal …` (PIPE-1..4): the use case for each action, and the view of its result. */
export async function runDeal(input: DealAction, env: RunEnv): Promise<View> {
  const { deps, actor, view: ctx } = env;
  const render = (result: CoreResult<DealCard>, event: DealEvent): View =>
    result.ok ? dealCardView(ctx, result.value, event) : dealRefusalView(ctx.t, result.code, result.details);
  switch (input.action) {
    case 'open':
      return render(await openDeal(deps, actor, input), 'opened');
    case 'show':
      return render(await showDeal(deps, actor, input.dealId), 'shown');
    case 'next':
      return render(await advanceDeal(deps, actor, input), 'moved');
    case 'needs': {
      if (Object.keys(input.answers).length || input.method) return render(await recordNeeds(deps, actor, input), 'needs');
      // No answers typed: the checklist as a form, the deal's number and its answers so far filled in.
      return formFor(env, input.dealId, 'needs');
    }
    case 'proposal':
      if (Object.keys(input.parts).length) return render(await recordProposal(deps, actor, input), 'proposal');
      return formFor(env, input.dealId, 'proposal');
    case 'lost':
      if (input.reason) return render(await loseDeal(deps, actor, { dealId: input.dealId, reason: input.reason }), 'lost');
      // The Lost… button: the reason is asked for in a form, the deal's number filled in.
      return formFor(env, input.dealId, 'lost');
  }
}

/** `/deals` (PIPE-4): the person's open deals, ten a page. */
export async function runDeals(page: number | undefined, { deps, actor, view: ctx }: RunEnv): Promise<View> {
  const result = await listDeals(deps, actor);
  return result.ok ? dealListView(ctx, result.value, page) : dealRefusalView(ctx.t, result.code, result.details);
}

/** A deal's form filled in from the deal, or why it cannot be written (openDealForm). */
async function formFor({ deps, actor, view: ctx }: RunEnv, dealId: number, form: DealForm): Promise<View> {
  const opened = await openDealForm(deps, actor, dealId, form);
  return opened.ok ? formView(ctx.t, form, DEAL_FORMS[form].fields, [], opened.value) : dealRefusalView(ctx.t, opened.code, opened.details);
}
