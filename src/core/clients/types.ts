import type { IsoDate } from '../time.ts';

/** Clients (CLI-1..3) as the core sees them: companies, their contact, grades and visits. */

export type Grade = 'A' | 'B' | 'C';

export interface Company {
  id: number;
  name: string;
  normName: string;
  creditCode: string | null;
  region: string;
  ownerId: string;
  size: string;
  position: string;
  source: string | null;
  accountManagerId: string | null;
  annualPurchaseFen: number | null;
  grade: Grade | null;
  gradeOverridden: boolean;
  customerSince: Date | null;
  createdAt: Date;
  /** LEAD-2: the company holding this one's normalised name, when this one is kept beside it as a flagged duplicate. */
  duplicateOf: number | null;
}

/** A client's contact person, in plain text: only the store sees it encrypted. */
export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

export type NewCompany = Pick<
  Company,
  'name' | 'normName' | 'creditCode' | 'region' | 'ownerId' | 'size' | 'position' | 'source' | 'createdAt'
>;

export type CompanyPatch = Partial<
  Pick<Company, 'grade' | 'gradeOverridden' | 'annualPurchaseFen' | 'customerSince' | 'accountManagerId'>
>;

export interface Visit {
  visitorId: string;
  method: 'phone' | 'onsite';
  note: string | null;
  visitDate: IsoDate;
}

/**
 * CLI-1: how a grade change stands. 'effective' took effect when made;
 * 'pending' waits for the region's regional manager (a raise by someone who
 * is not a manager, INC-1); 'confirmed' or 'kept' (the old grade kept) once
 * decided; 'superseded' when a newer figure replaced it before a decision.
 */
export type GradeChangeStatus = 'effective' | 'pending' | 'confirmed' | 'kept' | 'superseded';

export interface NewGradeChange {
  grade: Grade;
  source: 'purchase' | 'override';
  annualPurchaseFen: number | null;
  reason: string | null;
  changedBy: string;
  changedAt: Date;
  /** Defaults to 'effective'. */
  status?: 'effective' | 'pending';
  /** The grade in effect when the change was made. */
  previousGrade?: Grade | null;
}

export interface GradeChange extends Omit<Required<NewGradeChange>, 'status'> {
  id: number;
  status: GradeChangeStatus;
  /** Who confirmed it or kept the old grade; null until decided (or superseded). */
  decidedBy: string | null;
  decidedAt: Date | null;
}
