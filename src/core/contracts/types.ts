import type { IsoDate } from '../time.ts';

/**
 * Contracts (CON-1..3) and their payments, as the core sees them. A contract
 * belongs to one deal; its terms are checked against the policy before legal
 * sees it, and it is paid `termDays` after delivery.
 */
export type ContractStatus = 'draft' | 'in_review' | 'approved' | 'returned' | 'signed' | 'cancelled';
export type SignMethod = 'esign' | 'paper';

export interface ContractTerms {
  amountFen: number;
  deliveryDate: IsoDate;
  paymentMethod: string;
  termDays: number;
  /** Percent in hundredths: 5% = 500, so 2.5% is exact. */
  penaltyBp: number;
  signMethod: SignMethod;
}

export interface Contract extends ContractTerms {
  id: number;
  dealId: number;
  companyId: number;
  companyName: string;
  ownerId: string;
  status: ContractStatus;
  approvalId: number | null;
  reviewComment: string | null;
  dueDate: IsoDate;
  signedAt: Date | null;
  newClient: boolean | null;
  rewardFen: number | null;
  /** PIPE-4: the e-signature platform's reference or the paper contract's number; null until signed (or signed without one). */
  signRef: string | null;
  version: number;
  createdAt: Date;
}

/** The fields of a deal a contract needs (the deals feature owns the rest). */
export interface DealForContract {
  id: number;
  companyId: number;
  ownerId: string;
  region: string;
  stage: number;
  status: 'open' | 'won' | 'lost';
}

export type ContractChange = Partial<
  ContractTerms &
    Pick<Contract, 'status' | 'approvalId' | 'reviewComment' | 'dueDate' | 'signedAt' | 'newClient' | 'rewardFen' | 'signRef'>
>;

export interface Payment {
  id: number;
  contractId: number;
  amountFen: number;
  paidOn: IsoDate;
  recordedBy: string;
  recordedAt: Date;
}

/** A signed contract not paid in full, for the payments-due job. */
export interface OpenReceivable {
  contractId: number;
  companyName: string;
  ownerId: string;
  amountFen: number;
  receivedFen: number;
  dueDate: IsoDate;
}

export type NewContract = ContractTerms &
  Pick<Contract, 'dealId' | 'companyId' | 'ownerId' | 'dueDate'> & { createdAt: Date };
