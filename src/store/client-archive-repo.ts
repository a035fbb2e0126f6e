import type { Kysely } from 'kysely';
import type { ArchiveEntry } from '../core/clients/archive-types.ts';
import type { ClientArchivePort } from '../core/clients/port.ts';
import type { Grade, GradeChangeStatus } from '../core/clients/types.ts';
import type { SignMethod } from '../core/contracts/types.ts';
import type { IsoDate } from '../core/time.ts';
import type { Database } from './database.ts';

const at = (value: Date | string): Date => new Date(value);
/** The audit log's details: jsonb, an object on pg and PGlite alike, a string where a driver leaves it unparsed. */
const detailsOf = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : ((value ?? {}) as Record<string, unknown>));
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * CLI-3: a client's archive read from the tables each feature keeps (leads,
 * grade history, visits, deals, contracts, payments, tickets) and, for the
 * steps those tables keep only as their latest state (a deal's stages, a
 * contract's submissions and reviews, an account manager assigned), from
 * the audit log those steps are written to (SEC-3). Read only.
 */
export function clientArchiveRepo(db: Kysely<Database>): ClientArchivePort {
  return {
    async timeline(companyId) {
      const entries: ArchiveEntry[] = [];
      // One query after another: in a transaction there is one connection.
      const leads = await db.selectFrom('leads').select(['reporter_id', 'reported_at']).where('company_id', '=', companyId).execute();
      for (const l of leads) entries.push({ at: at(l.reported_at), by: l.reporter_id, event: { kind: 'lead' } });

      const grades = await db.selectFrom('grade_history').selectAll().where('company_id', '=', companyId).execute();
      for (const g of grades) {
        const grade = g.grade as Grade;
        entries.push({
          at: at(g.changed_at),
          by: g.changed_by,
          event: { kind: 'grade', grade, source: g.source, annualPurchaseFen: g.annual_purchase_fen === null ? null : Number(g.annual_purchase_fen), reason: g.reason, status: g.status as GradeChangeStatus },
        });
        if ((g.status === 'confirmed' || g.status === 'kept') && g.decided_at) {
          entries.push({ at: at(g.decided_at), by: g.decided_by, event: { kind: 'grade_decided', grade, outcome: g.status } });
        }
      }

      const visits = await db.selectFrom('visits').selectAll().where('company_id', '=', companyId).execute();
      for (const v of visits) entries.push({ at: at(v.recorded_at), by: v.visitor_id, event: { kind: 'visit', method: v.method, visitDate: v.visit_date as IsoDate, note: v.note } });

      const deals = await db.selectFrom('deals').select(['id', 'owner_id', 'amount_fen', 'created_at']).where('company_id', '=', companyId).execute();
      const contracts = await db.selectFrom('contracts').selectAll().where('company_id', '=', companyId).execute();
      for (const c of contracts) {
        entries.push({ at: at(c.created_at), by: c.owner_id, event: { kind: 'contract_drafted', contractId: c.id, amountFen: Number(c.amount_fen) } });
      }
      const payments = contracts.length
        ? await db.selectFrom('payments').selectAll().where('contract_id', 'in', contracts.map((c) => c.id)).execute()
        : [];
      for (const p of payments) {
        entries.push({ at: at(p.recorded_at), by: p.recorded_by, event: { kind: 'payment', contractId: p.contract_id, amountFen: Number(p.amount_fen), paidOn: p.paid_on as IsoDate } });
      }

      const tickets = await db.selectFrom('tickets').selectAll().where('company_id', '=', companyId).execute();
      for (const t of tickets) {
        entries.push({ at: at(t.opened_at), by: t.opened_by, event: { kind: 'ticket_opened', ticketId: t.id, note: t.problem } });
        if (t.first_response_at) entries.push({ at: at(t.first_response_at), by: t.first_responder_id, event: { kind: 'ticket_responded', ticketId: t.id } });
        if (t.closed_at) entries.push({ at: at(t.closed_at), by: t.closed_by, event: { kind: 'ticket_closed', ticketId: t.id } });
      }

      // The steps kept only in the audit log, by subject.
      const subjects: { type: string; ids: string[] }[] = [
        { type: 'company', ids: [String(companyId)] },
        { type: 'deal', ids: deals.map((d) => String(d.id)) },
        { type: 'contract', ids: contracts.map((c) => String(c.id)) },
      ];
      const audited = [];
      for (const { type, ids } of subjects) {
        if (!ids.length) continue;
        audited.push(...(await db.selectFrom('audit_log').selectAll().where('subject_type', '=', type).where('subject_id', 'in', ids).orderBy('id').execute()));
      }
      const dealAmount = new Map(deals.map((d) => [String(d.id), d.amount_fen === null ? null : Number(d.amount_fen)]));
      const contractById = new Map(contracts.map((c) => [String(c.id), c]));
      const reviews = new Map<string, number>();
      for (const a of audited) {
        const d = detailsOf(a.details);
        const id = Number(a.subject_id);
        const base = { at: at(a.at), by: a.actor_id };
        switch (a.action) {
          case 'client.account_manager':
            if (typeof d.person === 'string') entries.push({ ...base, event: { kind: 'account_manager', personId: d.person } });
            break;
          case 'deal.open':
            entries.push({ ...base, event: { kind: 'deal_opened', dealId: id, amountFen: dealAmount.get(a.subject_id) ?? null } });
            break;
          case 'deal.stage':
          case 'deal.won':
            entries.push({ ...base, event: { kind: 'deal_stage', dealId: id, stage: Number(d.to) } });
            break;
          case 'deal.lost':
            entries.push({ ...base, event: { kind: 'deal_lost', dealId: id, stage: Number(d.stage), note: text(d.reason) } });
            break;
          case 'contract.submit':
            entries.push({ ...base, event: { kind: 'contract_submitted', contractId: id } });
            if (typeof d.approval === 'number') reviews.set(String(d.approval), id);
            break;
          case 'contract.sign': {
            const c = contractById.get(a.subject_id);
            const signMethod = (typeof d.signMethod === 'string' ? d.signMethod : (c?.sign_method ?? 'esign')) as SignMethod;
            entries.push({ ...base, event: { kind: 'contract_signed', contractId: id, amountFen: Number(d.amountFen ?? c?.amount_fen ?? 0), signMethod, signRef: c?.sign_ref ?? null } });
            break;
          }
          case 'contract.cancel':
            entries.push({ ...base, event: { kind: 'contract_cancelled', contractId: id } });
            break;
        }
      }
      // CON-2: legal's decisions on the contract reviews submitted above.
      if (reviews.size) {
        const decisions = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('subject_type', '=', 'approval')
          .where('subject_id', 'in', [...reviews.keys()])
          .where('action', 'in', ['approval.approve', 'approval.reject'])
          .execute();
        for (const a of decisions) {
          const contractId = reviews.get(a.subject_id);
          if (contractId === undefined) continue;
          const d = detailsOf(a.details);
          const outcome = a.action === 'approval.approve' ? 'approved' : 'rejected';
          entries.push({ at: at(a.at), by: a.actor_id, event: { kind: 'contract_reviewed', contractId, outcome, note: text(d.reason) } });
        }
      }
      return entries;
    },
  };
}
