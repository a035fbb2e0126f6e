import type { Grade } from '../clients/types.ts';
import type { IsoDate } from '../time.ts';

/** What the performance review (KPI-1..7) reads and writes, as data; its port is port.ts. */

/** '2026Q4' */
export type Quarter = string;
/** '2026-11' */
export type Month = string;

export interface SignedContract {
  id: number;
  ownerId: string;
  companyId: number;
  amountFen: number;
  newClient: boolean;
  companyGrade: Grade | null;
  /** The deal's region: the team a signing counts for in INC-2, as the travel-fund notice counts it. */
  region: string;
  signedAt: Date;
}

/** A signed contract as the monthly charts count it: whose, how much, when. */
export interface SignedSale {
  ownerId: string;
  amountFen: number;
  signedAt: Date;
}

/** A signed contract that fell due by the end of a period, with what was paid on it before the period and by its end (CON-3). */
export interface Receivable {
  id: number;
  ownerId: string;
  amountFen: number;
  dueDate: IsoDate;
  /** Payments dated before the period's first day. */
  paidBeforeFen: number;
  /** Payments dated up to the period's last counted day. */
  paidUpToFen: number;
}

/** What one contract counts towards a period's collection rate (see figures.ts collectionOf). */
export interface DueContract {
  id: number;
  ownerId: string;
  dueFen: number;
  receivedFen: number;
}

export interface ReceivedPayment {
  ownerId: string;
  amountFen: number;
  /** Recorded by the contract's owner, not by finance: what finance's check must verify (CON-3, KPI-3). */
  byOwner: boolean;
}

/** KPI-7's lead → signed conversion: the companies reported as leads, and how many of those have a signed contract. */
export interface Conversion {
  leads: number;
  signed: number;
}

/** One reporter's conversion over some days (KPI-7's monthly figures). */
export interface ReporterConversion extends Conversion {
  reporterId: string;
}

/** A team's conversion of one month (KPI-7): companies reported as leads in the month, and those of them signed. */
export interface MonthConversion extends Conversion {
  month: Month;
}

export interface MonthlyGoal {
  personId: string;
  month: Month;
  salesTargetFen: number;
  newClientsTarget: number;
  note: string | null;
  setBy: string;
  setAt: Date;
  agreedAt: Date | null;
}

export interface QuarterReview {
  personId: string;
  quarter: Quarter;
  salesFen: number;
  newClients: number;
  /** Basis points (9500 = 95%); null when nothing was due. */
  collectionRateBp: number | null;
  attainmentBp: number;
  passed: boolean;
  /** Standing among the quarter's passed (KPI-5's order); null for a failed review. */
  rank: number | null;
  /** Always 0 for reviews computed since the year-end ranking (YearBonus) holds the bonus; kept for older rows. */
  bonusMultiple: number;
  computedAt: Date;
}

/** KPI-5: one ranked person's year-end bonus, computed once after the fourth quarter's review. */
export interface YearBonus {
  personId: string;
  year: number;
  /** Quarters of the year the person was reviewed in. */
  quarters: number;
  salesFen: number;
  attainmentBp: number;
  rank: number;
  bonusMultiple: number;
  computedAt: Date;
}

export interface ImprovementPlan {
  personId: string;
  quarter: Quarter;
  text: string;
  submittedAt: Date;
  dueBy: IsoDate;
}

export interface FinanceLock {
  month: Month;
  lockedBy: string;
  lockedAt: Date;
}
