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
  type ContractViewContext,
} from '../views/contract-views.ts';
import type { View } from '../views/view.ts';

/** `/contract …` and `/payment …`: the use case, then its view; refusals through the contract refusal view. */
export async function runContractCommand(deps: CoreDeps, actor: Actor, ctx: ContractViewContext, input: ContractAction): Promise<View> {
  switch (input.action) {
    case 'show':
      return viewOf(ctx.t, await showContract(deps, actor, input.contractId), (card) => contractCardView(ctx, card), refusedIn(ctx));
    case 'draft': {
      const result = await draftContract(deps, actor, input.input);
      if (!result.ok) return contractRefusalView(ctx, result.code, result.details);
      return contractDraftedView(ctx, result.value.contract, result.value.corrected, await nameOf(deps, result.value.contract.ownerId));
    }
    case 'submit': {
      const result = await submitContract(deps, actor, input.contractId);
      if (!result.ok) return contractRefusalView(ctx, result.code, result.details);
      const approval = result.value.approvalId === null ? null : await deps.store.direct((tx) => tx.approvals.byId(result.value.approvalId!));
      const approverId = approval?.steps[0]?.approverId;
      return contractSubmittedView(ctx, result.value, await nameOf(deps, result.value.ownerId), approverId ? await nameOf(deps, approverId) : '');
    }
    case 'sign': {
      const result = await signContract(deps, actor, input.contractId);
      if (!result.ok) return contractRefusalView(ctx, result.code, result.details);
      const company = await deps.store.direct((tx) => tx.companies.byId(result.value.contract.companyId));
      return contractSignedView(ctx, result.value, await nameOf(deps, result.value.contract.ownerId), company?.grade ?? null);
    }
    default: {
      const unhandled: never = input;
      throw new Error(`unhandled contract action ${JSON.stringify(unhandled)}`);
    }
  }
}

export async function runPaymentCommand(deps: CoreDeps, actor: Actor, ctx: ContractViewContext, input: RecordPaymentCommand): Promise<View> {
  return viewOf(ctx.t, await recordPayment(deps, actor, input), (recorded) => paymentRecordedView(ctx, recorded), refusedIn(ctx));
}


const nameOf = async (deps: CoreDeps, personId: string) => (await deps.store.direct((tx) => tx.directory.personById(personId)))?.name ?? personId;

/** Contract refusals carry a button to the contract where one is named. */
const refusedIn = (ctx: ContractViewContext) => (code: PolicyErrorCode, details: Record<string, string | number>) => contractRefusalView(ctx, code, details);
