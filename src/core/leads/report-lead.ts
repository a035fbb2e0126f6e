import { normalizeCompanyName } from './company-name.ts';
import { dailyProgress, today, type DailyProgress } from './progress.ts';
import type { Actor, Company, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { mayOwnClients, type Person } from '../people.ts';
import { ok, refuse } from '../result.ts';

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

export async function reportLead(deps: CoreDeps, actor: Actor, cmd: ReportLeadCommand): Promise<CoreResult<LeadSaved>> {
  const { person } = actor;
  if (!mayOwnClients(person.role)) return refuse('not_allowed', { role: person.role });

  const tooLong = checkCompanyName(deps, cmd);
  if (tooLong) return tooLong;

  return deps.store.transaction(async (tx) => {
    const region = cmd.region ?? person.region;
    const regionRefusal = await guardRegion(tx, person, region);
    if (regionRefusal) return regionRefusal;

    const normName = normalizeCompanyName(cmd.company);
    const existing =
      (cmd.creditCode ? await tx.companies.byCreditCode(cmd.creditCode) : null) ??
      (await tx.companies.byNormName(normName));
    if (existing) return ownedRefusal(tx, existing);

    const sameContact = await tx.companies.byContact({ phone: cmd.phone, email: cmd.email });
    if (sameContact) return ownedRefusal(tx, sameContact, 'contact_owned');

    const now = deps.clock.now();
    const saved = await tx.companies.insert(
      {
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
      { name: cmd.contactName, phone: cmd.phone, email: cmd.email },
    );
    // Someone else's report of the same company committed between our check and our insert.
    if ('existing' in saved) return ownedRefusal(tx, saved.existing);

    const date = today(deps);
    await tx.leads.insert({ companyId: saved.inserted.id, reporterId: person.id, workDate: date, reportedAt: now });
    const progress = await dailyProgress(deps, tx, person, date);
    const { id, name } = saved.inserted;
    return ok({
      company: { id, name, region },
      progress,
      targetReached: progress.target > 0 && progress.count === progress.target,
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
async function guardRegion(tx: Tx, person: Person, region: string) {
  const regions = await tx.directory.regions();
  if (!regions.includes(region)) return refuse('unknown_region', { region, regions: regions.join(', ') });
  // The department manager runs every region; everyone else stays in their own.
  if (region === person.region || person.role === 'department_manager') return null;
  const managers = await tx.directory.regionalManagersOf(region);
  return refuse('wrong_region', { region, manager: managers.map((m) => m.name).join(', ') || '-' });
}

/** LEAD-2: name the owner and region, never the owner's contact data. */
async function ownedRefusal(tx: Tx, company: Company, code: 'company_owned' | 'contact_owned' = 'company_owned') {
  const owner = await tx.directory.personById(company.ownerId);
  return refuse(code, { company: company.name, owner: owner?.name ?? company.ownerId, region: company.region });
}
