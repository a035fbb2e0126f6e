import type { PolicyErrorCode } from '../core/errors.ts';
import { viewOf } from './view-of.ts';
import type { ContractAction } from '../commands/build/contract.ts';
import { draftContract } from '../core/contracts/draft-contract.ts';
import { recordPayment, type RecordPaymentCommand } from '../core/contracts/record-payment.ts';
import { showContract } from '../core/contracts/show-contract.ts';
import { signContract } from '../core/contracts/sign-contract.ts';
import { submitContract } from '../core/contracts/submit-contract.ts';
import type { Actor, CoreDeps } from '../core/ports.ts';
import {
  contractCardView,
  contractDraftedView,
  contractRefusalView,
  contractSignedView,
  contractSubmittedView,
  paymentRecordedView,
} from '../views/contract-views.ts';
import type { ViewContext } from '../views/view-context.ts';
import type { View } from '../views/view.ts';

/** `/contract …` and `/payment …`: the use case, then its view; refusals through the contract refusal view. */
export async function runContractCommand(deps: CoreDeps, actor: Actor, ctx: ViewContext, input: ContractAction): Promise<View> {
  switch (input.action) {
    case 'show':
      return viewOf(ctx.t, await showContract(deps, actor, input.contractId), (card) => contractCardView(ctx, card), refusedIn(ctx));
    case 'draft':
      return viewOf(ctx.t, await draftContract(deps, actor, input.input), (drafted) => contractDraftedView(ctx, drafted), refusedIn(ctx));
    case 'submit':
      return viewOf(ctx.t, await submitContract(deps, actor, input.contractId), (submitted) => contractSubmittedView(ctx, submitted), refusedIn(ctx));
    case 'sign':
      return viewOf(ctx.t, await signContract(deps, actor, input.contractId), (signed) => contractSignedView(ctx, signed), refusedIn(ctx));
    default: {
      const unhandled: never = input;
      throw new Error(`unhandled contract action ${JSON.stringify(unhandled)}`);
    }
  }
}

export async function runPaymentCommand(deps: CoreDeps, actor: Actor, ctx: ViewContext, input: RecordPaymentCommand): Promise<View> {
  return viewOf(ctx.t, await recordPayment(deps, actor, input), (recorded) => paymentRecordedView(ctx, recorded), refusedIn(ctx));
}


/** Contract refusals carry a button to the contract where one is named. */
const refusedIn = (ctx: ViewContext) => (code: PolicyErrorCode, details: Record<string, string | number>) => contractRefusalView(ctx, code, details);
