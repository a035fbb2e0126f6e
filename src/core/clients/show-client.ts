import { findClient } from './find-client.ts';
import { followUpStatus, type FollowUpStatus } from './follow-up.ts';
import { isClientInsider, maskContact } from './contact-access.ts';
import { today } from '../leads/progress.ts';
import { regionalContacts } from './regional-contact.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import type { Company, Contact, GradeChange } from './types.ts';
import type { Person } from '../people.ts';
import { ok, refuse } from '../result.ts';

/** Who looks after a client and how to reach it, as the card and the archive both head it. */
export interface ClientHeader {
  company: Company;
  owner: Person | null;
  accountManager: Person | null;
  /** CLI-2: the region's regional managers, the contact of an A-class client; empty for other grades. */
  regionalContacts: Person[];
  contact: Contact | null;
  contactMasked: boolean;
}

export interface ClientCard extends ClientHeader {
  /** Every grade change, purchase-based and overrides (CLI-1). */
  gradeHistory: GradeChange[];
  /** The names of the people on the grade history (who changed, who confirmed), by id; someone no longer in the directory is missing. */
  names: Record<string, string>;
  followUp: FollowUpStatus;
}

/** `/client <company>`: the card, with contact data shown or masked (SEC-1). */
export async function showClient(deps: CoreDeps, actor: Actor, typedName: string): Promise<CoreResult<ClientCard>> {
  // SEC-2: partners never see client records.
  if (actor.person.role === 'partner') return refuse('not_allowed', { role: actor.person.role });
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, typedName);
    if (!found.ok) return found;
    const company = found.value;
    return ok(await clientCard(deps, tx, actor, company));
  });
}

/** Builds the card inside a transaction; an unmasked contact is audited (SEC-3) before it is returned. */
export async function clientCard(deps: CoreDeps, tx: Tx, actor: Actor, company: Company): Promise<ClientCard> {
  // One after another: a transaction has one connection, so parallel queries would only queue.
  const owner = await tx.directory.personById(company.ownerId);
  const accountManager = company.accountManagerId ? await tx.directory.personById(company.accountManagerId) : null;
  const stored = await tx.companies.contactOf(company.id);
  const gradeHistory = await tx.companies.gradeHistory(company.id);
  const onHistory = [...new Set(gradeHistory.flatMap((h) => [h.changedBy, ...(h.decidedBy ? [h.decidedBy] : [])]))];
  const names = Object.fromEntries((onHistory.length ? await tx.directory.peopleByIds(onHistory) : []).map((p) => [p.id, p.name]));
  const unmasked = await isClientInsider(tx, actor.person, company);
  if (unmasked && stored) {
    await tx.audit.record({
      at: deps.clock.now(),
      actorId: actor.person.id,
      action: 'contact.view',
      subjectType: 'company',
      subjectId: String(company.id),
      platform: actor.platform,
    });
  }
  return {
    company,
    owner,
    accountManager,
    regionalContacts: await regionalContacts(tx, company),
    contact: stored && (unmasked ? stored : maskContact(stored)),
    contactMasked: !unmasked,
    gradeHistory,
    names,
    followUp: await followUpStatus(deps, tx, company, today(deps)),
  };
}
