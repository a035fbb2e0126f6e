import { findClient } from './find-client.ts';
import { isClientInsider, maskContact, notInsider } from './contact-access.ts';
import { regionalContacts } from './regional-contact.ts';
import type { ArchiveEntry, ArchiveEvent } from './archive-types.ts';
import type { ClientHeader } from './show-client.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';

export interface ArchiveQuery {
  company: string;
}

/** An archive entry with its people named. */
export interface NamedArchiveEntry extends ArchiveEntry {
  byName: string | null;
  /** The account manager an `account_manager` entry assigned, named. */
  personName?: string;
}

export interface ClientArchive extends ClientHeader {
  /** False for a reader outside the client (legal, finance, a regional manager not above the owner): free text is left out. */
  insider: boolean;
  /** Newest first. */
  entries: NamedArchiveEntry[];
}

/**
 * `/client <company> history` (CLI-3): the client's archive, one timeline of
 * its leads, grade changes, account managers, visits, deals and their
 * stages, contracts (with the e-signature reference or paper number they
 * were signed under), payments and tickets, each with who and when, newest
 * first (what happened last is what a visit is prepared from).
 *
 * Who may read it (SEC-1, SEC-2): the archive carries deals, contract
 * amounts and payments, which the bot shows only to the client's insiders
 * (owner, the owner's managers, the account manager), legal (contracts) and
 * finance (payments); and CLI-2 makes the region's regional manager the
 * contact of its A-class clients. They read the archive; anyone else is
 * refused with the owner named, and partners see no client at all. The
 * contact is shown in full to insiders only (audited, SEC-3), masked for
 * the others, who also do not get the free text people wrote (a visit's
 * note, a ticket's problem, a lost deal's or legal's reason), which may
 * repeat what a contact said.
 */
export async function showClientArchive(deps: CoreDeps, actor: Actor, query: ArchiveQuery): Promise<CoreResult<ClientArchive>> {
  if (actor.person.role === 'partner') return refuse('not_allowed', { role: actor.person.role });
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, query.company);
    if (!found.ok) return found;
    const company = found.value;
    const insider = await isClientInsider(tx, actor.person, company);
    const regional = actor.person.role === 'regional_manager' && actor.person.region === company.region;
    const role = actor.person.role;
    if (!insider && !regional && role !== 'legal' && role !== 'finance') return notInsider(tx, company);

    const stored = await tx.companies.contactOf(company.id);
    if (insider && stored) {
      await tx.audit.record({ at: deps.clock.now(), actorId: actor.person.id, action: 'contact.view', subjectType: 'company', subjectId: String(company.id), platform: actor.platform, details: { via: 'archive' } });
    }
    const names = new Map<string, string>();
    const nameOf = async (id: string | null): Promise<string | null> => {
      if (id === null) return null;
      if (!names.has(id)) names.set(id, (await tx.directory.personById(id))?.name ?? id);
      return names.get(id) ?? id;
    };
    const raw = await tx.archive.timeline(company.id);
    // Newest first; within one instant, in the order things happen (a deal opened before its first stage).
    const ordered = raw.map((e, i) => ({ e, i })).sort((a, b) => b.e.at.getTime() - a.e.at.getTime() || b.i - a.i);
    const entries: NamedArchiveEntry[] = [];
    for (const { e } of ordered) {
      const event = insider ? e.event : withoutNote(e.event);
      entries.push({
        ...e,
        event,
        byName: await nameOf(e.by),
        ...(event.kind === 'account_manager' && { personName: (await nameOf(event.personId)) ?? event.personId }),
      });
    }
    return ok({
      company,
      owner: await tx.directory.personById(company.ownerId),
      accountManager: company.accountManagerId ? await tx.directory.personById(company.accountManagerId) : null,
      regionalContacts: await regionalContacts(tx, company),
      contact: stored && (insider ? stored : maskContact(stored)),
      contactMasked: !insider,
      insider,
      entries,
    });
  });
}

/** The event without what a person wrote in their own words. */
function withoutNote(event: ArchiveEvent): ArchiveEvent {
  return 'note' in event ? { ...event, note: null } : event;
}
