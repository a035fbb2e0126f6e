import { normalizeCompanyName } from './company-name.ts';
import { dailyProgress, progressOf, today, type DailyProgress } from './progress.ts';
import type { Actor, CoreDeps, CoreResult, Repositories } from '../ports.ts';
import type { Company } from '../clients/types.ts';
import type { NewLead } from './types.ts';
import { mayOwnClients, type Person } from '../people.ts';
import { ok, refuse } from '../result.ts';
import { duplicateDeciders } from './duplicate-deciders.ts';

/**
 * A lead as the command layer hands it over: every required field present
 * and each value well-formed (canonical phone, lower-cased e-mail, checked
 * credit code); at least one of phone and e-mail.
 */
export interface ReportLeadCommand {
  company: string;
  contactName: string;
  /** Canonical phone ('+8613812345678'), or null. */
  phone: string | null;
  /** Lower-cased e-mail, or null. */
  email: string | null;
  size: string;
  position: string;
  region: string | null;
  creditCode: string | null;
  source: string | null;
}

export interface LeadSaved {
  company: Pick<Company, 'id' | 'name' | 'region'>;
  progress: DailyProgress;
  /** True only for the report that reaches the target (celebrated once a day). */
  targetReached: boolean;
}

/** Who may report a lead (LEAD-1): whoever may own clients. Asked before a pasted page's form is shown, too. */
export function mayReportLeads(actor: Actor): CoreResult<true> {
  return mayOwnClients(actor.person.role) ? ok(true) : refuse('not_allowed', { role: actor.person.role });
}

/**
 * `/lead`: LEAD-1..3. Runs outside a transaction on purpose: the region
 * check reads the cached directory, and the LEAD-2 check and the write
 * (company, contact and lead together) are one statement, one round trip, so
 * a refusal leaves nothing and a crash leaves nothing half-written. The
 * unique name and credit code decide a race.
 */
export async function reportLead(deps: CoreDeps, actor: Actor, cmd: ReportLeadCommand): Promise<CoreResult<LeadSaved>> {
  const { person } = actor;
  const allowed = mayReportLeads(actor);
  if (!allowed.ok) return allowed;
  const tooLong = checkCompanyName(deps, cmd);
  if (tooLong) return tooLong;

  return deps.store.direct(async (tx) => {
    const region = cmd.region ?? person.region;
    const regionRefusal = await guardRegion(tx, person, region);
    if (regionRefusal) return regionRefusal;

    const normName = normalizeCompanyName(cmd.company);
    const now = deps.clock.now();
    const date = today(deps);
    const lead: NewLead = {
      company: {
        name: cmd.company,
        normName,
        creditCode: cmd.creditCode,
        region,
        ownerId: person.id,
        size: cmd.size,
        position: cmd.position,
        source: cmd.source,
        createdAt: now,
      },
      contact: { name: cmd.contactName, phone: cmd.phone, email: cmd.email },
      reporterId: person.id,
      workDate: date,
      claim: { normName, creditCode: cmd.creditCode, phone: cmd.phone, email: cmd.email },
    };
    const saved = await tx.leads.record(lead);
    if ('existing' in saved) {
      if (saved.by === 'contact') return contactRefusal(tx, saved.existing);
      if (saved.by === 'name_code' && cmd.creditCode !== null) return holdLikelyDuplicate(deps, actor, lead, cmd.creditCode, saved.existing);
      return ownedRefusal(tx, saved.existing);
    }

    let progress = progressOf(deps, person, date, saved.reporterLeadsThatDay, saved.reporterOnLeave);
    // The statement counted the leads committed before it. Two reports landing
    // together may both count one short of the target: counted again now that
    // ours is committed, the later of them sees the target reached.
    if (progress.target > 0 && progress.count === progress.target - 1) progress = await dailyProgress(deps, tx, person, date);
    const reached = progress.target > 0 && progress.count >= progress.target;
    const { id, name } = saved.inserted;
    return ok({
      company: { id, name, region },
      progress,
      targetReached: reached && (await tx.leads.celebrateOnce(person.id, date)),
    });
  });
}

/** The company name's length is a policy setting; the other fields were checked at the edge. */
function checkCompanyName(deps: CoreDeps, cmd: ReportLeadCommand) {
  const max = deps.policy.leads.companyNameMaxLength;
  const length = [...cmd.company].length;
  return length > max ? refuse('company_too_long', { max, length }) : null;
}

/** LEAD-3: a salesperson claims companies of their own region only. */
async function guardRegion(tx: Repositories, person: Person, region: string) {
  const regions = await tx.directory.regions();
  if (!regions.includes(region)) return refuse('unknown_region', { region, regions: regions.join(', ') });
  // The department manager runs every region; everyone else stays in their own.
  if (region === person.region || person.role === 'department_manager') return null;
  const managers = await tx.directory.withRole('regional_manager', region);
  return refuse('wrong_region', { region, manager: managers.map((m) => m.name).join(', ') || '-' });
}

/** LEAD-2: name the owner and region, never the owner's contact data. */
async function ownedRefusal(tx: Repositories, company: Company) {
  const owner = await tx.directory.personById(company.ownerId);
  return refuse('company_owned', { company: company.name, owner: owner?.name ?? company.ownerId, region: company.region });
}

/**
 * LEAD-2 by contact, within SEC-1: a phone or e-mail already recorded names
 * its owner only. Which client holds that phone is client data the reporter
 * may not see, and the company's name or region would tell it: neither is said,
 * to anyone (the owner learns nothing from it that they do not know).
 */
export async function contactRefusal(tx: Repositories, company: Company) {
  const owner = await tx.directory.personById(company.ownerId);
  return refuse('contact_owned', { owner: owner?.name ?? company.ownerId });
}

/**
 * LEAD-2: the name is owned under another credit code. Likely the same
 * company, but the code says it may not be: refused, naming the owner, and
 * held (contact encrypted) for a manager who may allow it with a reason from
 * a card; allowed, it is saved for the reporter. The hold and the cards are
 * one transaction; a report of a code already held waits on the same hold.
 */
async function holdLikelyDuplicate(deps: CoreDeps, actor: Actor, lead: NewLead, creditCode: string, existing: Company) {
  const held = await deps.store.transaction(async (tx) => {
    const { held, fresh } = await tx.heldLeads.hold({ ...lead, company: { ...lead.company, creditCode }, duplicateOf: existing.id });
    const owner = await tx.directory.personById(existing.ownerId);
    if (fresh) {
      const now = deps.clock.now();
      for (const decider of await duplicateDeciders(tx, actor.person)) {
        await tx.outbox.enqueue(
          {
            dedupeKey: `lead_duplicate_held:${held.id}:to:${decider.id}`,
            personId: decider.id,
            notice: {
              kind: 'lead_duplicate_held',
              heldId: held.id,
              company: held.name,
              creditCode,
              reporter: actor.person.name,
              existing: existing.name,
              existingCode: existing.creditCode ?? '-',
              owner: owner?.name ?? existing.ownerId,
              region: existing.region,
            },
          },
          now,
        );
      }
      await tx.audit.record({
        at: now,
        actorId: actor.person.id,
        action: 'lead.duplicate_held',
        subjectType: 'held_lead',
        subjectId: String(held.id),
        platform: actor.platform,
        details: { duplicateOf: existing.id, creditCode },
      });
    }
    return ok({ id: held.id, owner: owner?.name ?? existing.ownerId });
  });
  if (!held.ok) return held;
  return refuse('company_likely_duplicate', {
    company: existing.name,
    code: existing.creditCode ?? '-',
    owner: held.value.owner,
    region: existing.region,
    held: held.value.id,
  });
}
