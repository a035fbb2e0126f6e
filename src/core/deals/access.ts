import { NEEDS_STAGE, PROPOSAL_STAGE } from './types.ts';
import { isClientInsider } from '../clients/contact-access.ts';
import type { Person } from '../people.ts';
import type { CoreRefusal, Tx } from '../ports.ts';
import { refuse } from '../result.ts';
import type { Deal } from './types.ts';

/**
 * Who may act on a deal, and on its contract: the client's insiders (SEC-1,
 * shared with the clients feature) with the deal's owner as the owner: the
 * owner, the company's account manager (CLI-2), and the managers above the
 * owner (the department manager runs them all).
 */
export async function isDealInsider(tx: Tx, person: Person, ownerId: string, companyId: number): Promise<boolean> {
  if (person.id === ownerId) return true;
  const company = await tx.companies.byId(companyId);
  return company !== null && isClientInsider(tx, person, { ...company, ownerId });
}

export const mayActOnDeal = (tx: Tx, person: Person, deal: Deal): Promise<boolean> => isDealInsider(tx, person, deal.ownerId, deal.companyId);

/** The refusal for anyone else: it names the owner to ask. */
export async function notDealInsider(tx: Tx, deal: Deal): Promise<CoreRefusal> {
  const owner = await tx.directory.personById(deal.ownerId);
  return refuse('not_deal_insider', { id: deal.id, company: deal.companyName, owner: owner?.name ?? deal.ownerId });
}

/**
 * The deal, locked for the rest of the transaction, when the person may act
 * on it; otherwise the refusal to return. Every change of a deal starts here.
 */
export async function lockDealFor(tx: Tx, person: Person, dealId: number): Promise<{ deal: Deal } | { refusal: CoreRefusal }> {
  const deal = await tx.deals.byId(dealId, 'for update');
  if (!deal) return { refusal: refuse('deal_not_found', { id: dealId }) };
  if (!(await mayActOnDeal(tx, person, deal))) return { refusal: await notDealInsider(tx, deal) };
  return { deal };
}

/** A won or lost deal changes no more. */
export const closedRefusal = (deal: Deal): CoreRefusal => refuse('deal_closed', { id: deal.id, status: deal.status });

/**
 * Why this part of a deal can no longer be written, or null: a closed deal
 * takes nothing; the needs checklist is written up to needs research, the
 * proposal up to the proposal stage. The use cases and the forms ask alike.
 */
export function editRefusal(deal: Deal, part: 'needs' | 'proposal' | 'lost'): CoreRefusal | null {
  if (deal.status !== 'open') return closedRefusal(deal);
  if (part === 'needs' && deal.stage > NEEDS_STAGE) return refuse('deal_needs_locked', { id: deal.id, stage: deal.stage });
  if (part === 'proposal' && deal.stage > PROPOSAL_STAGE) return refuse('deal_proposal_locked', { id: deal.id, stage: deal.stage });
  return null;
}
