import { isClientInsider, notInsider } from '../clients/contact-access.ts';
import { findClient } from '../clients/find-client.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { dealCard, type DealCard } from './deal-card.ts';

export interface OpenDealCommand {
  company: string;
  amountFen: number | null;
}

/**
 * `/deal new <company>`: a deal at stage 1 (PIPE-1) for an existing client,
 * opened by one of its insiders; owned by the company's owner, in its region.
 * The company's row is locked first, so two people opening at once make one deal.
 */
export async function openDeal(deps: CoreDeps, actor: Actor, cmd: OpenDealCommand): Promise<CoreResult<DealCard>> {
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, cmd.company, 'for update');
    if (!found.ok) return found;
    const company = found.value;
    if (!(await isClientInsider(tx, actor.person, company))) return notInsider(tx, company);
    const open = await tx.deals.openOfCompany(company.id);
    if (open) return refuse('deal_open_exists', { company: company.name, id: open.id });
    const now = deps.clock.now();
    const deal = await tx.deals.create({ companyId: company.id, ownerId: company.ownerId, region: company.region, amountFen: cmd.amountFen, at: now });
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: 'deal.open',
      subjectType: 'deal',
      subjectId: String(deal.id),
      platform: actor.platform,
      details: { company: company.id, stage: deal.stage, amountFen: deal.amountFen },
    });
    return ok(await dealCard(deps, tx, deal));
  });
}
