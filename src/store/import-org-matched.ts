import type { Kysely } from 'kysely';
import { decideMatches, type Lookups, type MatchOutcome, type PlatformMatch, type StaffContact } from '../core/directory/match-people.ts';
import type { Platform } from '../core/people.ts';
import { blindIndex, blindIndexCandidates } from '../crypto/blind-index.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Database } from './database.ts';
import { importOrgIn, type OrgImport, type OrgImportSummary } from './import-org.ts';

export interface MatchedOrgImport extends OrgImport {
  contacts?: StaffContact[];
}

/**
 * Staff e-mails and mobiles are not stored: the org file holds them and is
 * read at every start, and a copy in the database would be one more place to
 * leak them from. What is kept is a keyed fingerprint (HMAC with the data
 * key's blind-index key, never a plain hash, which a list of phone numbers
 * would undo), enough to tell that a remembered match was made for the
 * contact data the file gives now.
 */
const FINGERPRINT_PURPOSE = 'people_matches.contact';
const contactText = (c: StaffContact): string => `email:${c.email ?? ''}\nmobile:${c.mobile ?? ''}`;

/**
 * The org import with people matched by e-mail or mobile, in one transaction:
 * the remembered matches whose fingerprint still fits, the platforms' fresh
 * answers (`lookups`; a platform absent or `failed` keeps what was
 * remembered), the directory written with the matched ids, and the matches
 * remembered for next time. `platforms` are those the bot runs on.
 */
export async function importOrgMatched(
  db: Kysely<Database>,
  keyring: Keyring,
  org: MatchedOrgImport,
  platforms: readonly Platform[],
  lookups: Lookups,
  now: Date,
): Promise<{ summary: OrgImportSummary; outcome: MatchOutcome }> {
  return db.transaction().execute(async (trx) => {
    const contacts = org.contacts ?? [];
    const contactOf = new Map(contacts.map((c) => [c.personId, c]));
    const rows = platforms.length ? await trx.selectFrom('people_matches').selectAll().where('platform', 'in', [...platforms]).execute() : [];
    const cached: PlatformMatch[] = rows
      .filter((row) => {
        const contact = contactOf.get(row.person_id);
        return contact !== undefined && blindIndexCandidates(keyring, FINGERPRINT_PURPOSE, contactText(contact)).includes(row.contact_fingerprint);
      })
      .map((row) => ({ personId: row.person_id, platform: row.platform as Platform, platformId: row.platform_id }));
    const outcome = decideMatches(org.people, contacts, platforms, lookups, cached);
    const summary = await importOrgIn(trx, { regions: org.regions, people: outcome.people });

    // What is not remembered now goes (a changed address, a user the platform no longer knows, an id now in the file).
    const kept = new Set(outcome.remember.map((m) => `${m.platform}:${m.personId}`));
    const stale = rows.filter((row) => !kept.has(`${row.platform}:${row.person_id}`));
    for (const row of stale) {
      await trx.deleteFrom('people_matches').where('person_id', '=', row.person_id).where('platform', '=', row.platform).execute();
    }
    for (const m of outcome.matched) {
      const values = { platform_id: m.platformId, contact_fingerprint: blindIndex(keyring, FINGERPRINT_PURPOSE, contactText(contactOf.get(m.personId)!)), matched_at: now };
      await trx
        .insertInto('people_matches')
        .values({ person_id: m.personId, platform: m.platform, ...values })
        .onConflict((oc) => oc.columns(['person_id', 'platform']).doUpdateSet(values))
        .execute();
    }
    return { summary, outcome };
  });
}
