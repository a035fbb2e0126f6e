import type { PolicyErrorCode } from '../../core/errors.ts';
import { viewOf } from '../../views/view-of.ts';
import type { ContractAction } from './read-contract.ts';
import { draftContract } from '../../core/contracts/draft-contract.ts';
import { recordPayment, type RecordPaymentCommand } from '../../core/contracts/record-payment.ts';
import { showContract } from '../../core/contracts/show-contract.ts';
import { signContract } from '../../core/contracts/sign-contract.ts';
import { submitContract } from '../../core/contracts/submit-contract.ts';
import {
  contractCardView,
  contractDraftedView,
  contractRefusalView,
  contractSignedView,
  contractSubmittedView,
  paymentRecordedView,
} from '../../views/contract-views.ts';
import type { ViewContext } from '../../views/view-context.ts';
import type { View } from '../../views/view.ts';
import type { RunEnv } from '../family.ts';

/** `/contract …` (CON-1, CON-2): the use case, then its view; refusals through the contract refusal view. */
export async function runContract(input: ContractAction, { deps, actor, view: ctx }: RunEnv): Promise<View> {
  switch (input.action) {
    case 'show':
      return viewOf(ctx.t, await showContract(deps, actor, input.contractId), (card) => contractCardView(ctx, card), refusedIn(ctx));
    case 'draft':
      return viewOf(ctx.t, await draftContract(deps, actor, input.input), (drafted) => contractDraftedView(ctx, drafted), refusedIn(ctx));
    case 'submit':
      return viewOf(ctx.t, await submitContract(deps, actor, input.contractId), (submitted) => contractSubmittedView(ctx, submitted), refusedIn(ctx));
    case 'sign':
      return viewOf(ctx.t, await signContract(deps, actor, input.contractId, input.ref), (signed) => contractSignedView(ctx, signed), refusedIn(ctx));
    default: {
      const unhandled: never = input;
      throw new Error(`unhandled contract action ${JSON.stringify(unhandled)}`);
    }
  }
}

/** `/payment …` (CON-3): finance records a payment against a signed contract. */
export async function runPayment(input: RecordPaymentCommand, { deps, actor, view: ctx }: RunEnv): Promise<View> {
  return viewOf(ctx.t, await recordPayment(deps, actor, input), (recorded) => paymentRecordedView(ctx, recorded), refusedIn(ctx));
}

/** Contract refusals carry a button to the contract where one is named. */
const refusedIn = (ctx: ViewContext) => (code: PolicyErrorCode, details: Record<string, string | number>) => contractRefusalView(ctx, code, details);
