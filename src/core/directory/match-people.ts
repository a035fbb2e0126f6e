import type { Person, Platform } from '../people.ts';

/**
 * People matched by e-mail or mobile (org file `email:` / `mobile:`): when the
 * file gives no platform id, the platform is asked who has that address or
 * number. What it answers is remembered (the store's match cache) so that a
 * restart, or the platform being away, does not turn matched people into
 * strangers. Nobody is ever guessed: no answer and no remembered match for
 * the same contact data means the person stays unmatched, and is reported.
 */

/** A person's work contact data as the org file gives it: email lower-cased, mobile `+8613812345678` or `+<country><number>`. */
export interface StaffContact {
  personId: string;
  email: string | null;
  mobile: string | null;
}

export interface ContactQuery {
  emails: string[];
  mobiles: string[];
}

/** What a platform answered: its user id for each e-mail and mobile it knows; the others are left out. */
export interface ContactAnswer {
  byEmail: Map<string, string>;
  byMobile: Map<string, string>;
}

/** An adapter's way to ask its platform (Slack: users.lookupByEmail; Feishu: contact/v3/users/batch_get_id). Throws when the platform cannot be asked. */
export type PeopleResolver = (query: ContactQuery) => Promise<ContactAnswer>;

/** A platform's answer, or `failed` (it was asked and could not answer). A platform absent was not asked: the remembered matches stand. */
export type Lookups = Partial<Record<Platform, ContactAnswer | 'failed'>>;

export interface PlatformMatch {
  personId: string;
  platform: Platform;
  platformId: string;
}

export type UnmatchedReason = 'not_found' | 'platform_failed' | 'not_asked' | 'taken';

export interface Unmatched {
  personId: string;
  platform: Platform;
  reason: UnmatchedReason;
  /** For `taken`: whose id the platform's answer already is. */
  takenBy?: string;
}

export interface MatchOutcome {
  /** The file's people, with the matched ids filled in where the file gave none. */
  people: Person[];
  /** Matches to remember (fresh answers, and remembered ones still in use). */
  remember: PlatformMatch[];
  /** Remembered matches the platform no longer confirms, or whose person no longer asks for one. */
  forget: { personId: string; platform: Platform }[];
  /** Matched from the platform's answer now. */
  matched: (PlatformMatch & { via: 'email' | 'mobile' })[];
  /** Taken from what was remembered, because the platform was not asked or did not answer. */
  fromCache: PlatformMatch[];
  unmatched: Unmatched[];
}

const idField = (platform: Platform): 'slackId' | 'feishuId' => (platform === 'slack' ? 'slackId' : 'feishuId');

/** Who should be looked up on a platform: people with contact data and no id of that platform in the file. */
export function contactsToLookUp(people: readonly Person[], contacts: readonly StaffContact[], platform: Platform): StaffContact[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  return contacts.filter((c) => {
    const person = byId.get(c.personId);
    return person !== undefined && person[idField(platform)] === null && (c.email !== null || c.mobile !== null);
  });
}

/** The e-mails and mobiles to ask a platform about, each once. */
export function queryOf(contacts: readonly StaffContact[]): ContactQuery {
  const emails = new Set<string>();
  const mobiles = new Set<string>();
  for (const c of contacts) {
    if (c.email !== null) emails.add(c.email);
    if (c.mobile !== null) mobiles.add(c.mobile);
  }
  return { emails: [...emails], mobiles: [...mobiles] };
}

/**
 * Asks every platform that offers a resolver, at most `timeoutMs` each: a
 * platform that fails or is slow counts as `failed` (the caller reports it
 * and the remembered matches stand), so it never stops the bot starting.
 */
export async function lookUpContacts(
  people: readonly Person[],
  contacts: readonly StaffContact[],
  resolvers: Partial<Record<Platform, PeopleResolver>>,
  timeoutMs: number,
  onFailure: (platform: Platform, error: unknown) => void = () => undefined,
): Promise<Lookups> {
  const lookups: Lookups = {};
  await Promise.all(
    (Object.entries(resolvers) as [Platform, PeopleResolver][]).map(async ([platform, resolve]) => {
      const wanted = contactsToLookUp(people, contacts, platform);
      if (wanted.length === 0) {
        lookups[platform] = { byEmail: new Map(), byMobile: new Map() };
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const slow = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        lookups[platform] = await Promise.race([resolve(queryOf(wanted)), slow]);
      } catch (error) {
        lookups[platform] = 'failed';
        onFailure(platform, error);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return lookups;
}

/**
 * Decides each person's platform ids. Per platform in `platforms` (those the
 * bot is configured for): the file's id wins; else the platform's answer (by
 * e-mail first, then mobile); else, when the platform was not asked or failed,
 * the remembered match for the same contact data (`cached`, already checked
 * against the contact data by the store). An id that is already someone
 * else's (in the file, or matched first in file order) is not given twice.
 */
export function decideMatches(
  people: readonly Person[],
  contacts: readonly StaffContact[],
  platforms: readonly Platform[],
  lookups: Lookups,
  cached: readonly PlatformMatch[],
): MatchOutcome {
  const outcome: MatchOutcome = { people: people.map((p) => ({ ...p })), remember: [], forget: [], matched: [], fromCache: [], unmatched: [] };
  const contactOf = new Map(contacts.map((c) => [c.personId, c]));
  for (const platform of platforms) {
    const field = idField(platform);
    const owner = new Map<string, string>();
    for (const p of outcome.people) if (p[field] !== null) owner.set(p[field]!, p.id);
    const remembered = new Map(cached.filter((m) => m.platform === platform).map((m) => [m.personId, m.platformId]));
    const answer = lookups[platform];
    for (const person of outcome.people) {
      const contact = contactOf.get(person.id);
      const wantsMatch = person[field] === null && contact !== undefined && (contact.email !== null || contact.mobile !== null);
      if (!wantsMatch) {
        if (remembered.has(person.id)) outcome.forget.push({ personId: person.id, platform });
        continue;
      }
      let found: { id: string; via: 'email' | 'mobile' | 'cache' } | null = null;
      let reason: UnmatchedReason = 'not_found';
      if (answer === undefined || answer === 'failed') {
        const old = remembered.get(person.id);
        if (old !== undefined) found = { id: old, via: 'cache' };
        else reason = answer === 'failed' ? 'platform_failed' : 'not_asked';
      } else {
        const byEmail = contact.email !== null ? answer.byEmail.get(contact.email) : undefined;
        const byMobile = contact.mobile !== null ? answer.byMobile.get(contact.mobile) : undefined;
        if (byEmail !== undefined) found = { id: byEmail, via: 'email' };
        else if (byMobile !== undefined) found = { id: byMobile, via: 'mobile' };
        // The platform answered and does not know this person (any more): what was remembered goes.
        else if (remembered.has(person.id)) outcome.forget.push({ personId: person.id, platform });
      }
      if (found === null) {
        outcome.unmatched.push({ personId: person.id, platform, reason });
        continue;
      }
      const other = owner.get(found.id);
      if (other !== undefined) {
        outcome.unmatched.push({ personId: person.id, platform, reason: 'taken', takenBy: other });
        if (remembered.has(person.id)) outcome.forget.push({ personId: person.id, platform });
        continue;
      }
      owner.set(found.id, person.id);
      person[field] = found.id;
      const match = { personId: person.id, platform, platformId: found.id };
      outcome.remember.push(match);
      if (found.via === 'cache') outcome.fromCache.push(match);
      else outcome.matched.push({ ...match, via: found.via });
    }
  }
  return outcome;
}

/** One line per unmatched person, for the start-up log and the org CLI. */
export function describeUnmatched(u: Unmatched): string {
  const where = u.platform === 'slack' ? 'Slack' : 'Feishu';
  switch (u.reason) {
    case 'not_found':
      return `${u.personId}: ${where} knows no user with this email or mobile`;
    case 'platform_failed':
      return `${u.personId}: ${where} could not be asked and no earlier match is remembered`;
    case 'not_asked':
      return `${u.personId}: not yet looked up on ${where}`;
    case 'taken':
      return `${u.personId}: the ${where} user with this email or mobile is already ${u.takenBy}`;
    default: {
      const never: never = u.reason;
      return never;
    }
  }
}
