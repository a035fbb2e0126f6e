import { resolveChain } from '../approvals/chain.ts';
import { notifyApprover } from '../approvals/notify.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';
import { dealNotNegotiating, lockContractWithDeal, mayHandleContract, notContractInsider } from './access.ts';
import { breachDetails, contractOnCard, termBreaches } from './terms.ts';
import type { Contract } from './types.ts';

/**
 * `/contract <id> submit` (CON-2): a draft or returned contract whose terms
 * still keep to CON-1 (checked again: time and the policy may have moved) goes to legal
 * review through the approvals engine (kind 'contract' → role legal). Legal
 * gets the approval card with the contract's terms, and sees it in /approvals.
 */
/** A contract sent to legal, with the names its card shows. */
export interface SubmittedContract {
  contract: Contract;
  ownerName: string;
  approverName: string;
}

export async function submitContract(deps: CoreDeps, actor: Actor, contractId: number): Promise<CoreResult<SubmittedContract>> {
  return deps.store.transaction(async (tx) => {
    const locked = await lockContractWithDeal(tx, contractId);
    if (!locked) return refuse('contract_not_found', { id: contractId });
    const { contract, deal } = locked;
    if (!(await mayHandleContract(tx, actor.person, contract.ownerId, contract.companyId))) return notContractInsider(tx, contract.ownerId);
    if (contract.status !== 'draft' && contract.status !== 'returned') return refuse('contract_cannot_submit', { id: contract.id, status: contract.status });
    const notNegotiating = dealNotNegotiating(deal);
    if (notNegotiating) return notNegotiating;
    // CON-1 again: the delivery date may have passed, or the policy changed, since it was drafted.
    const breaches = termBreaches(deps.policy, contract, localDate(deps.clock.now(), deps.timezone));
    if (breaches.length) return refuse('contract_terms_broken', { ...breachDetails(breaches), deal: contract.dealId });
    const chain = await resolveChain(tx, deps.policy, actor.person, 'contract', contract.amountFen);
    if (!chain.ok) return chain;
    const now = deps.clock.now();
    const request = await tx.approvals.create({
      kind: 'contract',
      requesterId: actor.person.id,
      subject: contract.companyName,
      amountFen: contract.amountFen,
      event: null,
      eventKey: null,
      eventTotalFen: null,
      product: null,
      onDate: contract.deliveryDate,
      overBenchmark: false,
      createdAt: now,
      steps: chain.value,
    });
    const updated = await tx.contracts.update(contract.id, { status: 'in_review', approvalId: request.id }, now);
    // The engine's card, with the terms legal reviews (CON-2).
    await notifyApprover(tx, request, actor.person.name, now, localDate(now, deps.timezone), contractOnCard(updated));
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'contract.submit',
      subjectType: 'contract',
      subjectId: String(contract.id),
      platform: actor.platform,
      details: { approval: request.id },
    });
    const [owner, approver] = await Promise.all([tx.directory.personById(contract.ownerId), tx.directory.personById(chain.value[0]?.approverId ?? '')]);
    return ok({ contract: updated, ownerName: owner?.name ?? contract.ownerId, approverName: approver?.name ?? '' });
  });
}
