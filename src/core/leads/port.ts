import type { Company, NewCompany } from '../clients/types.ts';
import type { IsoDate } from '../time.ts';
import type { ClaimMatch, HeldLead, LeadSummary, NewLead } from './types.ts';

/** What the leads feature needs from the store. */

export interface LeadsPort {
  /**
   * One statement: the LEAD-2 check, then the company, its contact and the
   * lead report, with the reporter's count of leads that day (this one
   * included); or, when the company is claimed already (also by a report
   * that raced ours), the company that holds it and nothing written.
   */
  record(lead: NewLead): Promise<{ inserted: Company; reporterLeadsThatDay: number; reporterOnLeave: boolean } | { existing: Company; by: ClaimMatch }>;
  countBy(reporterId: string, from: IsoDate, to: IsoDate): Promise<number>;
  /** Every reporter's count of leads on one day, in one query. */
  countsOn(date: IsoDate): Promise<Map<string, number>>;
  /** True for the first caller only, per person and day: the target is celebrated once. */
  celebrateOnce(personId: string, date: IsoDate): Promise<boolean>;
  listBy(reporterId: string, from: IsoDate, to: IsoDate): Promise<LeadSummary[]>;
}

export interface HeldLeadsPort {
  /** Holds the report; a report of a credit code already waiting gets that hold back, `fresh` false. */
  hold(lead: NewLead & { company: NewCompany & { creditCode: string }; duplicateOf: number }): Promise<{ held: HeldLead; fresh: boolean }>;
  byId(id: number): Promise<HeldLead | null>;
  /**
   * Saves an allowed hold for its reporter: the company (flagged as a duplicate
   * of the name's holder), its contact and the lead on the day it was
   * reported; or, when its credit code, phone or e-mail was recorded since,
   * the company that holds it and nothing written.
   */
  save(hold: HeldLead, at: Date): Promise<{ inserted: Company } | { existing: Company; by: 'code' | 'contact' }>;
  /** False when the hold was decided already (another decision won). */
  decide(id: number, change: { status: 'allowed' | 'refused'; by: string; at: Date; reason: string | null; companyId: number | null }): Promise<boolean>;
}

/** Held leads in a transaction: a hold can also be locked while it is decided. */
export interface HeldLeadsTxPort extends HeldLeadsPort {
  /** `for update` holds the row until the transaction ends: decisions on one hold queue up. */
  byId(id: number, lock?: 'for update'): Promise<HeldLead | null>;
}
