import type { IsoDate } from '../time.ts';
import type { Contract, ContractChange, DealForContract, NewContract, OpenReceivable, Payment } from './types.ts';

/** CON-1..2, PIPE-4, INC-1..2: contracts, and the deal changes signing makes. */
export interface ContractsPort {
  /** The deal a contract is drafted for. */
  dealForContract(dealId: number): Promise<DealForContract | null>;
  /** The deal's latest contract that is not cancelled. */
  latestOfDeal(dealId: number): Promise<Contract | null>;
  byId(id: number): Promise<Contract | null>;
  byApproval(approvalId: number): Promise<Contract | null>;
  create(contract: NewContract): Promise<Contract>;
  update(id: number, change: ContractChange, at: Date): Promise<Contract>;
  /** Signed contracts of a company other than this one (INC-1: is it a new client?). */
  signedCountOfCompany(companyId: number, exceptContractId: number): Promise<number>;
  /** INC-2: new A-class clients a region signed between two instants. */
  newAClientsSigned(region: string, from: Date, to: Date): Promise<number>;
}

/** Contracts in a transaction: rows and a region's quarter can also be held until it ends. */
export interface ContractsTxPort extends ContractsPort {
  /** `for update` holds the deal while a contract is written against it. */
  dealForContract(dealId: number, lock?: 'for update'): Promise<DealForContract | null>;
  byId(id: number, lock?: 'for update'): Promise<Contract | null>;
  /** INC-2: holds a region's quarter ('2026Q4') until the transaction ends, so signings there count one at a time. */
  holdRegionQuarter(region: string, quarter: string): Promise<void>;
}

/** CON-3: payments against signed contracts; KPI-3 locks are read only. */
export interface PaymentsPort {
  insert(payment: Omit<Payment, 'id'>): Promise<Payment>;
  receivedFor(contractId: number): Promise<number>;
  /** Is this month ('YYYY-MM') locked by finance? */
  isLocked(month: string): Promise<boolean>;
  /** Signed contracts not paid in full due on or before `dueBy`. */
  openReceivablesDueBy(dueBy: IsoDate): Promise<OpenReceivable[]>;
}

/** Payments in a transaction: a month can also be held until it ends. */
export interface PaymentsTxPort extends PaymentsPort {
  /**
   * Holds the month ('YYYY-MM') until the transaction ends: a payment dated in
   * it and finance locking it (KPI-3) take this first, so one waits for the other.
   */
  holdMonth(month: string): Promise<void>;
}
