import type { PolicyErrorCode } from '../errors.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { mayOwnClients } from '../people.ts';
import { ok, refuse } from '../result.ts';
import { normalizeCompanyName } from './company-name.ts';
import { reportLead, type ReportLeadCommand } from './report-lead.ts';

/** One row of an imported file, well-formed as a typed `/lead` would be; `line` is its line in the file, for the person to find it. */
export interface ImportRow {
  line: number;
  lead: ReportLeadCommand;
}

export type ImportOutcome =
  | { line: number; company: string; outcome: 'saved'; companyId: number }
  | { line: number; company: string; outcome: 'refused'; code: PolicyErrorCode; details: Record<string, string | number> }
  /** The same company (name, credit code, phone or e-mail) as an earlier row of the same file. */
  | { line: number; company: string; outcome: 'file_duplicate'; firstLine: number };

/**
 * Bulk import (LEAD-1..3, SEC-1): each row is reported exactly as `/lead`
 * reports it (reportLead: the region rule, the one-owner rule in the same
 * statement as the write, contacts sealed by the store), one after the other,
 * so a row racing a `/lead` of the same company loses or wins by the same
 * unique keys, and one row's refusal is that row's only. A row naming the same
 * company as an earlier row of the file is not sent at all: it would only be
 * refused as the importer's own. Importing the same file again saves nothing
 * twice for the same reason a second `/lead` does not: every row it saved is
 * now owned, and is refused as such (per-row idempotency, no file record).
 */
export async function importLeads(deps: CoreDeps, actor: Actor, rows: readonly ImportRow[]): Promise<CoreResult<ImportOutcome[]>> {
  const allowed = mayImportLeads(actor);
  if (!allowed.ok) return allowed;
  const seen = new Map<string, number>();
  const outcomes: ImportOutcome[] = [];
  for (const { line, lead } of rows) {
    const keys = claimKeys(lead);
    const firstLine = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (firstLine !== undefined) {
      outcomes.push({ line, company: lead.company, outcome: 'file_duplicate', firstLine });
      continue;
    }
    for (const key of keys) seen.set(key, line);
    const result = await reportLead(deps, actor, lead);
    outcomes.push(
      result.ok
        ? { line, company: lead.company, outcome: 'saved', companyId: result.value.company.id }
        : { line, company: lead.company, outcome: 'refused', code: result.code, details: result.details },
    );
  }
  return ok(outcomes);
}

/** What LEAD-2 compares, as one namespace of strings: the same name, credit code, phone or e-mail is the same company. */
function claimKeys(lead: ReportLeadCommand): string[] {
  const keys = [`name:${normalizeCompanyName(lead.company)}`];
  if (lead.creditCode) keys.push(`code:${lead.creditCode}`);
  if (lead.phone) keys.push(`phone:${lead.phone}`);
  if (lead.email) keys.push(`email:${lead.email}`);
  return keys;
}

/**
 * Who may import: whoever may report a lead (sales, promotion, account
 * managers and regional managers for their own region, the department
 * manager for any). Asked before the file is read, and once for the whole
 * file rather than once a row.
 */
export function mayImportLeads(actor: Actor): CoreResult<true> {
  return mayOwnClients(actor.person.role) ? ok(true) : refuse('not_allowed', { role: actor.person.role });
}
