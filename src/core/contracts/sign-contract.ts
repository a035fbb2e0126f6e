import { tellOwner } from '../deals/notify-owner.ts';
import { FINAL_STAGE } from '../deals/types.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import type { Grade } from '../clients/types.ts';
import { ok, refuse } from '../result.ts';
import { dealNotNegotiating, lockContractWithDeal, mayHandleContract, notContractInsider } from './access.ts';
import { announceTravelFund, newClientReward } from './incentives.ts';
import type { Contract } from './types.ts';

/** A signed contract (its deal won, PIPE-4) with what its card says: the owner, and for a new client the grade and reward percent (INC-1). */
export interface SignedContract {
  contract: Contract;
  ownerName: string;
  grade: Grade;
  rewardPercent: number;
}

/**
 * `/contract <id> signed [ref:…]` (PIPE-4, CON-2, INC-1, INC-2). Only a contract legal
 * approved can be signed, by its owner or the owner's managers. In one
 * transaction: the contract is signed; the deal at negotiation reaches stage 5
 * and is won; the company becomes a customer; a new client's reward is fixed
 * by the confirmed grade (a raise still waiting for the regional manager
 * does not count, CLI-1); the region's travel fund is announced when it is
 * earned; audited. The contract keeps `ref`, where its signature can be
 * found (CLI-3's archive shows it): an e-signature platform keeps its own
 * record of every signing, so its reference is welcome but optional; a paper
 * contract is found again only by its number, so it is refused without one.
 */
export async function signContract(deps: CoreDeps, actor: Actor, contractId: number, ref: string | null = null): Promise<CoreResult<SignedContract>> {
  return deps.store.transaction(async (tx) => {
    const locked = await lockContractWithDeal(tx, contractId);
    if (!locked) return refuse('contract_not_found', { id: contractId });
    const { contract, deal } = locked;
    if (!(await mayHandleContract(tx, actor.person, contract.ownerId, contract.companyId))) return notContractInsider(tx, contract.ownerId);
    if (contract.status !== 'approved') return refuse('contract_not_approved', { id: contract.id, status: contract.status });
    const signRef = ref?.trim() || null;
    if (contract.signMethod === 'paper' && signRef === null) return refuse('sign_ref_required', { id: contract.id });
    const notNegotiating = dealNotNegotiating(deal);
    if (notNegotiating) return notNegotiating;
    // Locked, as a grade change and its confirmation lock it: the reward and the travel fund read the grade in effect (CLI-1).
    const company = await tx.companies.byId(contract.companyId, 'for update');
    if (!company) throw new Error(`contract ${contract.id} has lost its company`);

    const now = deps.clock.now();
    const newClient = (await tx.contracts.signedCountOfCompany(company.id, contract.id)) === 0;
    const rewardFen = newClientReward(deps, contract.amountFen, company.grade, newClient);
    const signed = await tx.contracts.update(contract.id, { status: 'signed', signedAt: now, newClient, rewardFen, signRef }, now);
    await winDeal(tx, actor, deal.id, now);
    if (company.customerSince === null) await tx.companies.update(company.id, { customerSince: now });
    if (newClient) await announceTravelFund(deps, tx, company, deal.region, now);
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'contract.sign',
      subjectType: 'contract',
      subjectId: String(contract.id),
      platform: actor.platform,
      details: { deal: deal.id, amountFen: contract.amountFen, newClient, rewardFen, signMethod: contract.signMethod, signRef },
    });
    const grade = company.grade ?? 'C';
    const owner = await tx.directory.personById(contract.ownerId);
    return ok({ contract: signed, ownerName: owner?.name ?? contract.ownerId, grade, rewardPercent: deps.policy.incentives.newClientRewardPercent[grade] });
  });
}

/**
 * PIPE-4: the deal at negotiation (held by the caller) reaches stage 5 and is
 * won, as the deals feature records it: audited as 'deal.won', and its owner
 * told when someone else signed.
 */
async function winDeal(tx: Tx, actor: Actor, dealId: number, at: Date): Promise<void> {
  const deal = await tx.deals.byId(dealId, 'for update');
  if (!deal) throw new Error(`deal ${dealId} vanished while its contract was signed`);
  const won = await tx.deals.update(deal.id, deal.version, { stage: FINAL_STAGE, status: 'won', closedAt: at, updatedAt: at });
  if (!won) throw new Error(`deal ${dealId} moved while held`);
  await tx.audit.record({
    at,
    actorId: actor.person.id,
    action: 'deal.won',
    subjectType: 'deal',
    subjectId: String(deal.id),
    platform: actor.platform,
    details: { from: deal.stage, to: FINAL_STAGE },
  });
  await tellOwner(tx, actor, won, at);
}
