import type { Deal, DealContract, DealPatch, DealScope, NewDeal } from './types.ts';

/** PIPE-1..4: deals, and the contracts of a deal as far as the pipeline reads them. */
export interface DealsPort {
  create(deal: NewDeal): Promise<Deal>;
  byId(id: number): Promise<Deal | null>;
  /** The company's open deal, if it has one (one open deal per company). */
  openOfCompany(companyId: number): Promise<Deal | null>;
  /** The changed deal, or null when it moved on since `expectedVersion` (another change won). */
  update(id: number, expectedVersion: number, patch: DealPatch): Promise<Deal | null>;
  /** Open deals in scope, oldest first. */
  listOpen(scope: DealScope): Promise<Deal[]>;
  /** The deal's contracts (id and status), oldest first (PIPE-4). */
  contractsOf(dealId: number): Promise<DealContract[]>;
}

/** Deals in a transaction: a deal can also be locked while it changes. */
export interface DealsTxPort extends DealsPort {
  /** `for update` holds the deal's row until the transaction ends: changes to one deal queue up. */
  byId(id: number, lock?: 'for update'): Promise<Deal | null>;
}
