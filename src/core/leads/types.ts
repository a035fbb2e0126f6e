import type { Contact, NewCompany } from '../clients/types.ts';
import type { IsoDate } from '../time.ts';

/** Leads (LEAD-1..2) as the core sees them: reports, the keys they must not collide with, and reports held as likely duplicates. */

export interface LeadSummary {
  companyId: number;
  companyName: string;
  region: string;
  workDate: IsoDate;
  reportedAt: Date;
}

/** What a new lead would collide with (LEAD-2): the strongest match first. */
export interface ClaimKeys {
  normName: string;
  creditCode: string | null;
  /** Canonical phone and e-mail, compared through their blind indexes. */
  phone: string | null;
  email: string | null;
}

export interface NewLead {
  company: NewCompany;
  contact: Contact;
  reporterId: string;
  workDate: IsoDate;
  /** What the lead must not collide with (LEAD-2), checked in the same statement. */
  claim: ClaimKeys;
}

/**
 * How a refused lead collided: the credit code, the name, the name under
 * another credit code (a likely duplicate, which a manager may allow), or a
 * phone or e-mail already recorded.
 */
export type ClaimMatch = 'code' | 'name' | 'name_code' | 'contact';

/** LEAD-2: a report refused as a likely duplicate, held for a manager to allow or refuse. */
export interface HeldLead {
  id: number;
  reporterId: string;
  name: string;
  normName: string;
  creditCode: string;
  region: string;
  workDate: IsoDate;
  reportedAt: Date;
  /** The company that holds the name under another credit code. */
  duplicateOf: number;
  status: 'pending' | 'allowed' | 'refused';
  decidedBy: string | null;
  reason: string | null;
  /** The company saved when it was allowed. */
  companyId: number | null;
}
