import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import type { Company } from '../clients/types.ts';
import type { HeldLead } from './types.ts';
import { ok, refuse } from '../result.ts';
import { contactRefusal } from './report-lead.ts';
import { mayDecideDuplicate } from './duplicate-deciders.ts';

export interface DecideHeldLeadCommand {
  heldId: number;
  decision: 'allow' | 'refuse';
  /** Required to allow: why the same name under another code is another company. */
  reason: string | null;
}

export interface HeldLeadDecided {
  held: HeldLead;
  /** The company saved for the reporter, when allowed. */
  company: Company | null;
  reporter: string;
}

/**
 * `/lead allow <n> reason:…` and `/lead refuse <n>`, from the card a manager
 * got (LEAD-2): only the reporter's regional manager or the department
 * manager, never the reporter. Allowed, the held report is saved for the
 * reporter as a company flagged beside the name's holder; the reporter is
 * told either way, and the decision is audited. The hold's row is locked, so
 * two managers deciding at once make one decision.
 */
export async function decideHeldLead(deps: CoreDeps, actor: Actor, cmd: DecideHeldLeadCommand): Promise<CoreResult<HeldLeadDecided>> {
  const reason = cmd.reason?.trim() || null;
  if (cmd.decision === 'allow' && reason === null) return refuse('reason_required');
  return deps.store.transaction(async (tx) => {
    const held = await tx.heldLeads.byId(cmd.heldId, 'for update');
    if (!held) return refuse('held_lead_not_found', { id: cmd.heldId });
    const reporter = await tx.directory.personById(held.reporterId);
    if (!reporter || !(await mayDecideDuplicate(tx, actor.person, reporter))) return refuse('managers_only');
    if (held.status !== 'pending') {
      const by = held.decidedBy ? await tx.directory.personById(held.decidedBy) : null;
      return refuse('held_lead_decided', { id: held.id, by: by?.name ?? held.decidedBy ?? '-' });
    }
    const now = deps.clock.now();
    let company: Company | null = null;
    if (cmd.decision === 'allow') {
      const saved = await tx.heldLeads.save(held, now);
      // Recorded since it was held: LEAD-2 still refuses, the hold stays for a Refuse.
      if ('existing' in saved) {
        if (saved.by === 'contact') return contactRefusal(tx, saved.existing);
        const owner = await tx.directory.personById(saved.existing.ownerId);
        return refuse('company_owned', { company: saved.existing.name, owner: owner?.name ?? saved.existing.ownerId, region: saved.existing.region });
      }
      company = saved.inserted;
    }
    const outcome = cmd.decision === 'allow' ? 'allowed' : 'refused';
    if (!(await tx.heldLeads.decide(held.id, { status: outcome, by: actor.person.id, at: now, reason, companyId: company?.id ?? null }))) {
      return refuse('held_lead_decided', { id: held.id, by: '-' });
    }
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: `lead.duplicate_${outcome}`,
      subjectType: 'held_lead',
      subjectId: String(held.id),
      platform: actor.platform,
      details: { reporter: held.reporterId, duplicateOf: held.duplicateOf, company: company?.id ?? null, reason },
    });
    await tx.outbox.enqueue(
      {
        dedupeKey: `lead_hold_decided:${held.id}`,
        personId: held.reporterId,
        notice: { kind: 'lead_hold_decided', heldId: held.id, company: held.name, outcome, by: actor.person.name, reason },
      },
      now,
    );
    return ok({ held: { ...held, status: outcome, decidedBy: actor.person.id, reason, companyId: company?.id ?? null }, company, reporter: reporter.name });
  });
}
