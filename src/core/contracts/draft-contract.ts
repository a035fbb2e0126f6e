import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';
import { dealNotNegotiating, mayHandleContract, notContractInsider } from './access.ts';
import { breachDetails, dueDateOf, termBreaches, type Unreadable } from './terms.ts';
import type { Contract, ContractTerms } from './types.ts';

export interface DraftContractCommand {
  dealId: number;
  /** The terms typed; a new draft needs all of them, a correction only the changed ones. */
  terms: Partial<ContractTerms>;
  /** Terms written in a way that could not be read (`账期:一个月`): named with the policy's breaches, so one reply lists them all (CON-1). */
  unreadable?: Unreadable[];
}

/** Contracts that can still be corrected: a draft, or one legal returned. */
const EDITABLE = new Set<Contract['status']>(['draft', 'returned']);

/**
 * `/contract <deal> amount:… delivery:… method:… term:… penalty:… sign:…`
 * (CON-1). Drafts the deal's contract, or corrects its draft or returned
 * contract. Every broken term is refused at once and nothing is stored.
 */
export async function draftContract(deps: CoreDeps, actor: Actor, cmd: DraftContractCommand): Promise<CoreResult<{ contract: Contract; corrected: boolean; ownerName: string }>> {
  return deps.store.transaction(async (tx) => {
    const deal = await tx.contracts.dealForContract(cmd.dealId, 'for update');
    if (!deal) return refuse('deal_not_found', { id: cmd.dealId });
    if (!(await mayHandleContract(tx, actor.person, deal.ownerId, deal.companyId))) return notContractInsider(tx, deal.ownerId);
    const notNegotiating = dealNotNegotiating(deal);
    if (notNegotiating) return notNegotiating;
    const latest = await tx.contracts.latestOfDeal(deal.id);
    // Locked and read again: a submit or a review that changed it meanwhile has committed, and a correction never overwrites it.
    const existing = latest && (await tx.contracts.byId(latest.id, 'for update'));
    if (existing && !EDITABLE.has(existing.status)) return refuse('contract_in_progress', { id: existing.id, status: existing.status });

    const now = deps.clock.now();
    const base: Partial<ContractTerms> = existing
      ? {
          amountFen: existing.amountFen,
          deliveryDate: existing.deliveryDate,
          paymentMethod: existing.paymentMethod,
          termDays: existing.termDays,
          penaltyBp: existing.penaltyBp,
          signMethod: existing.signMethod,
        }
      : {};
    const terms = { ...base, ...definedOnly(cmd.terms) };
    const breaches = termBreaches(deps.policy, terms, localDate(now, deps.timezone), cmd.unreadable);
    if (breaches.length) return refuse('contract_terms_broken', { ...breachDetails(breaches), deal: cmd.dealId });
    const full = terms as ContractTerms;

    const contract = existing
      ? await tx.contracts.update(existing.id, { ...full, status: 'draft', dueDate: dueDateOf(full) }, now)
      : await tx.contracts.create({ ...full, dealId: deal.id, companyId: deal.companyId, ownerId: deal.ownerId, dueDate: dueDateOf(full), createdAt: now });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: existing ? 'contract.correct' : 'contract.draft',
      subjectType: 'contract',
      subjectId: String(contract.id),
      platform: actor.platform,
      details: { deal: deal.id, amountFen: full.amountFen, termDays: full.termDays, penaltyBp: full.penaltyBp },
    });
    const owner = await tx.directory.personById(contract.ownerId);
    return ok({ contract, corrected: existing !== null, ownerName: owner?.name ?? contract.ownerId });
  });
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
