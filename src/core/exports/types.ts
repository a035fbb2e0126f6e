import type { Contact } from '../clients/types.ts';
import type { IsoDate } from '../time.ts';

/** What `/export` can write (SEC-2). */
export const EXPORT_KINDS = ['leads', 'clients', 'deals', 'kpi'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'xlsx' | 'csv';

/** A month ('2026-11') or a quarter ('2026Q4'), as /kpi and /goal write them; null: the kind's default. */
export type ExportPeriod = { kind: 'month'; month: string } | { kind: 'quarter'; quarter: string };

export interface ExportRequest {
  kind: ExportKind;
  period: ExportPeriod | null;
  format: ExportFormat;
}

/** Where the person asked: an export is sent in a direct message only (SEC-2). */
export type Conversation = 'direct' | 'group';

/** A lead report of the period, with its company's contact as stored (decrypted; the core masks it). */
export interface LeadExportRow {
  reportedOn: IsoDate;
  company: string;
  creditCode: string | null;
  region: string;
  ownerId: string;
  ownerName: string;
  reporterName: string;
  size: string;
  position: string;
  source: string | null;
  accountManagerId: string | null;
  contact: Contact | null;
}

/** A client (a company that became a customer), with its contact. */
export interface ClientExportRow {
  company: string;
  creditCode: string | null;
  region: string;
  ownerId: string;
  ownerName: string;
  accountManagerId: string | null;
  accountManagerName: string | null;
  grade: string | null;
  annualPurchaseFen: number | null;
  customerSince: IsoDate | null;
  contact: Contact | null;
}

/** A deal opened in the period. */
export interface DealExportRow {
  id: number;
  company: string;
  region: string;
  ownerName: string;
  stage: number;
  status: string;
  amountFen: number | null;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  lostReason: string | null;
}

/** The columns of each kind, in order: each names a sentence `export.column.<key>` of the catalogs. */
export const EXPORT_COLUMNS = {
  leads: ['reported_on', 'company', 'credit_code', 'region', 'owner', 'reporter', 'contact', 'phone', 'email', 'size', 'position', 'source'],
  clients: ['company', 'credit_code', 'region', 'owner', 'account_manager', 'grade', 'annual_purchase', 'customer_since', 'contact', 'phone', 'email'],
  deals: ['deal', 'company', 'region', 'owner', 'stage', 'status', 'amount', 'opened_on', 'closed_on', 'lost_reason'],
  kpi: ['person', 'region', 'quarter', 'sales', 'sales_target', 'attainment', 'new_clients', 'collection_rate', 'passed'],
} as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[ExportKind][number];

/** One cell: text, a whole number, or a yes/no that the view words. */
export type ExportCell = string | number | boolean | null;

/** What an export holds, ready to be written as a file. */
export interface ExportTable {
  kind: ExportKind;
  /** The region exported, or null for all (the department manager). */
  region: string | null;
  /** The period as the person reads it ('2026-11', '2026Q4'), or null for all time. */
  period: string | null;
  columns: readonly ExportColumn[];
  rows: ExportCell[][];
  /** Rows whose contact is masked (SEC-1): the manager is not among the client's insiders. */
  masked: number;
}
