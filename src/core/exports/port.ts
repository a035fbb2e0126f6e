import type { Period } from '../performance/periods.ts';
import type { ClientExportRow, DealExportRow, LeadExportRow } from './types.ts';

/**
 * The reads of an export, one statement each: a region (null: all) and a
 * period of company-calendar days (null: all time), at most `limit` rows
 * (the caller asks for one more than it takes, to know the file would be too long).
 */
export interface ExportsPort {
  leads(region: string | null, period: Period, zone: string, limit: number): Promise<LeadExportRow[]>;
  clients(region: string | null, period: Period | null, zone: string, limit: number): Promise<ClientExportRow[]>;
  deals(region: string | null, period: Period, zone: string, limit: number): Promise<DealExportRow[]>;
}
