import type { IsoDate } from '../time.ts';
import type { ArchiveEntry } from './archive-types.ts';
import type { Company, CompanyPatch, Contact, GradeChange, NewGradeChange, Visit } from './types.ts';

/** What the clients feature needs from the store. */

/** Whose companies a person may pick: their own, plus a region's (a regional manager) or every one (the department manager). */
export interface CompanyScope {
  personId: string;
  region?: string;
  all?: true;
}

export interface CompaniesPort {
  /**
   * Every company of one normalised name, the name's holder first, then its
   * flagged duplicates (LEAD-2).
   */
  byNormName(normName: string): Promise<Company[]>;
  byCreditCode(creditCode: string): Promise<Company | null>;
  byId(id: number): Promise<Company | null>;
  contactOf(companyId: number): Promise<Contact | null>;
  /** Customers (a purchase amount or a signed contract) a person owns or manages as account manager. */
  customersOf(personId: string): Promise<Company[]>;
  /**
   * Names of the companies of a scope (SEC-1: what the person may name: those
   * they own or manage as account manager, a region's, or all), by name, that
   * contain `typed` (case and width folded; empty: any), at most `limit`.
   */
  namesFor(scope: CompanyScope, typed: string, limit: number): Promise<string[]>;
  /** CLI-2: A-class clients that have no account manager yet, oldest first. */
  aClassWithoutAccountManager(): Promise<Company[]>;
  update(companyId: number, patch: CompanyPatch): Promise<Company>;
  /** Answers the new change's id. */
  addGradeChange(companyId: number, change: NewGradeChange): Promise<number>;
  gradeHistory(companyId: number): Promise<GradeChange[]>;
  /** The change waiting for confirmation (CLI-1), or null. */
  pendingGradeChange(companyId: number): Promise<GradeChange | null>;
  /** Closes a pending change; false (nothing written) when it is no longer pending. */
  decideGradeChange(changeId: number, status: 'confirmed' | 'kept' | 'superseded', by: string | null, at: Date): Promise<boolean>;
}

/** Companies in a transaction: the same reads may also lock the rows they read. */
export interface CompaniesTxPort extends CompaniesPort {
  /** `for update` locks the rows until the transaction ends, for a read-then-write. */
  byNormName(normName: string, lock?: 'for update'): Promise<Company[]>;
  byCreditCode(creditCode: string, lock?: 'for update'): Promise<Company | null>;
  byId(id: number, lock?: 'for update'): Promise<Company | null>;
}

export interface VisitsPort {
  insert(visit: Visit & { companyId: number; recordedAt: Date }): Promise<void>;
  last(companyId: number): Promise<Visit | null>;
  /** Visits between two dates (inclusive) by any of `visitorIds` (CLI-2 counts the account manager's and the owner's). */
  countBetween(companyId: number, from: IsoDate, to: IsoDate, visitorIds: readonly string[]): Promise<number>;
}

/** CLI-3: what the client archive reads, across the features that touch a client. */
export interface ClientArchivePort {
  /** Everything that happened to the company, in no particular order: the use case orders it. */
  timeline(companyId: number): Promise<ArchiveEntry[]>;
}
