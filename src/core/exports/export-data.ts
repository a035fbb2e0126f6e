import { maskContact } from '../clients/contact-access.ts';
import type { Contact } from '../clients/types.ts';
import type { Person } from '../people.ts';
import { teamFigures } from '../performance/figures.ts';
import { monthRange, quarterOfDate, quarterRange, monthOfDate, type Period } from '../performance/periods.ts';
import { reviewedPeople } from '../performance/team.ts';
import type { Actor, CoreDeps, CoreResult, Repositories } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';
import { EXPORT_COLUMNS, type ExportCell, type ExportRequest, type ExportTable } from './types.ts';

/**
 * How many rows one export may hold: a file a chat platform takes at once
 * (well under Feishu's 30 MB and Slack's limits) and that Excel opens at
 * once. A longer one is refused with the limit named: ask for a shorter period.
 */
export const MAX_EXPORT_ROWS = 5000;

/**
 * `/export leads|clients|deals|kpi [period]` (SEC-2): managers only, a
 * regional manager their region, the department manager all; asked in a
 * direct message only (the file goes to the person, never to a group);
 * contact data masked where the manager is not among the client's insiders
 * (SEC-1); every export written to the audit log with who, what and how many
 * rows, in the same transaction as its reads.
 */
export async function exportData(deps: CoreDeps, actor: Actor, request: ExportRequest): Promise<CoreResult<ExportTable>> {
  const me = actor.person;
  if (me.role !== 'regional_manager' && me.role !== 'department_manager') return refuse('export_managers_only', { role: me.role });
  if ((actor.conversation ?? 'direct') !== 'direct') return refuse('export_direct_only');
  const today = localDate(deps.clock.now(), deps.timezone);
  const region = me.role === 'regional_manager' ? me.region : null;
  const { period, label } = periodOf(request, today);
  return deps.store.transaction(async (tx) => {
    const rows = await readRows(deps, tx, me, request, region, period, label, today);
    if (rows.rows.length > MAX_EXPORT_ROWS) return refuse('export_too_many_rows', { max: MAX_EXPORT_ROWS });
    const table: ExportTable = { kind: request.kind, region, period: label, columns: EXPORT_COLUMNS[request.kind], rows: rows.rows, masked: rows.masked };
    await tx.audit.record({
      at: deps.clock.now(),
      actorId: me.id,
      action: 'export',
      subjectType: 'export',
      subjectId: request.kind,
      platform: actor.platform,
      details: { kind: request.kind, period: label, region, format: request.format, rows: table.rows.length, masked: table.masked },
    });
    return ok(table);
  });
}

/** The period asked, else the kind's own: this month for leads and deals, this quarter for KPIs, all time for clients. */
function periodOf(request: ExportRequest, today: string): { period: Period | null; label: string | null } {
  const p = request.period;
  if (request.kind === 'kpi') {
    const quarter = p?.kind === 'quarter' ? p.quarter : quarterOfDate(p?.kind === 'month' ? `${p.month}-01` : today);
    return { period: quarterRange(quarter), label: quarter };
  }
  if (p?.kind === 'quarter') return { period: quarterRange(p.quarter), label: p.quarter };
  if (p?.kind === 'month') return { period: monthRange(p.month), label: p.month };
  if (request.kind === 'clients') return { period: null, label: null };
  const month = monthOfDate(today);
  return { period: monthRange(month), label: month };
}

async function readRows(
  deps: CoreDeps,
  tx: Repositories,
  me: Person,
  request: ExportRequest,
  region: string | null,
  period: Period | null,
  label: string | null,
  today: string,
): Promise<{ rows: ExportCell[][]; masked: number }> {
  const limit = MAX_EXPORT_ROWS + 1;
  const insider = insiderCheck(tx, me);
  let masked = 0;
  const contactCells = async (contact: Contact | null, ownerId: string, accountManagerId: string | null): Promise<ExportCell[]> => {
    if (!contact) return [null, null, null];
    const full = await insider(ownerId, accountManagerId);
    if (!full) masked++;
    const shown = full ? contact : maskContact(contact);
    return [shown.name, shown.phone, shown.email];
  };
  switch (request.kind) {
    case 'leads': {
      const found = await tx.exports.leads(region, period!, deps.timezone, limit);
      const rows: ExportCell[][] = [];
      for (const r of found) {
        const [name, phone, email] = await contactCells(r.contact, r.ownerId, r.accountManagerId);
        rows.push([r.reportedOn, r.company, r.creditCode, r.region, r.ownerName, r.reporterName, name!, phone!, email!, r.size, r.position, r.source]);
      }
      return { rows, masked };
    }
    case 'clients': {
      const found = await tx.exports.clients(region, period, deps.timezone, limit);
      const rows: ExportCell[][] = [];
      for (const r of found) {
        const [name, phone, email] = await contactCells(r.contact, r.ownerId, r.accountManagerId);
        rows.push([r.company, r.creditCode, r.region, r.ownerName, r.accountManagerName, r.grade, yuan(r.annualPurchaseFen), r.customerSince, name!, phone!, email!]);
      }
      return { rows, masked };
    }
    case 'deals': {
      const found = await tx.exports.deals(region, period!, deps.timezone, limit);
      return { rows: found.map((d) => [d.id, d.company, d.region, d.ownerName, d.stage, d.status, yuan(d.amountFen), d.openedOn, d.closedOn, d.lostReason]), masked };
    }
    case 'kpi': {
      const people = await reviewedPeople(tx, region);
      const team = await teamFigures(deps, tx, people, region, label!, today);
      const rows = team.people.map((f): ExportCell[] => [
        f.person.name,
        f.person.region,
        f.quarter,
        yuan(f.salesFen),
        yuan(f.salesTargetFen),
        percent(f.attainmentBp),
        f.newClients,
        f.collection ? percent(f.collection.rateBp) : null,
        f.passed,
      ]);
      return { rows, masked };
    }
  }
}

/** SEC-1 for one manager: the owner's managers (the department manager for all), the owner and the account manager see contacts in full. Chains read once an owner. */
function insiderCheck(tx: Repositories, me: Person) {
  const chains = new Map<string, Promise<boolean>>();
  return async (ownerId: string, accountManagerId: string | null): Promise<boolean> => {
    if (me.role === 'department_manager' || me.id === ownerId || me.id === accountManagerId) return true;
    let known = chains.get(ownerId);
    if (!known) {
      known = tx.directory.managerChain(ownerId).then((chain) => chain.some((m) => m.id === me.id));
      chains.set(ownerId, known);
    }
    return known;
  };
}

/** Money in the file as yuan with two decimals (a number Excel sums), from integer fen. */
const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
/** Basis points as a percentage with two decimals. */
const percent = (bp: number): number => bp / 100;
