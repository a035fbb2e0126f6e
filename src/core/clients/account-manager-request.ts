import type { Person } from '../people.ts';
import type { Tx } from '../ports.ts';
import type { Company } from './types.ts';

/**
 * CLI-2: an A-class client gets a dedicated account manager. A client that
 * becomes A without one asks its region's regional manager to assign one:
 * a card with the region's account managers as buttons, each the text
 * `/client <company> manager:@id` (what a manager would type, so it runs
 * through the same checks). The `followups` job sends it again every working
 * day until one is assigned (remindAccountManagerNeeded). A region without a
 * regional manager asks the department managers.
 */

/** The start of every request card's key (one a day): closing the request finds them all by it. */
const requestKey = (company: Company, assigner: Person) => `account_manager_needed:${company.id}:${assigner.id}:`;

/** Who is asked: the region's regional managers; the department managers when the region has none. */
export async function accountManagerAssigners(tx: Tx, company: Company): Promise<Person[]> {
  const regional = await tx.directory.withRole('regional_manager', company.region);
  return regional.length ? regional : tx.directory.withRole('department_manager');
}

/**
 * Sends the card, or today's reminder of it, to each assigner; at most one a
 * person, client and day (`date` is the company's local date), so the card
 * sent when the client became A is also that day's reminder. Answers how
 * many were queued.
 */
export async function askForAccountManager(tx: Tx, company: Company, date: string, at: Date, reminder: boolean): Promise<number> {
  if (company.grade !== 'A' || company.accountManagerId !== null) return 0;
  const candidates = (await tx.directory.withRole('account_manager', company.region)).map((p) => ({ id: p.id, name: p.name }));
  let queued = 0;
  for (const assigner of await accountManagerAssigners(tx, company)) {
    const entry = {
      dedupeKey: `${requestKey(company, assigner)}${date}`,
      personId: assigner.id,
      notice: { kind: 'account_manager_needed' as const, company: company.name, region: company.region, candidates, reminder },
    };
    if (await tx.outbox.enqueue(entry, at)) queued++;
  }
  return queued;
}

/**
 * Once an account manager is assigned, every request card sent (the first
 * and each day's reminder) is shown again saying who was assigned and by
 * whom, its buttons gone: a card left as it was would ask for what is done.
 * The department managers are looked at too, so the cards of a region that
 * had no regional manager when they were sent close as well.
 */
export async function closeAccountManagerRequest(tx: Tx, company: Company, accountManager: string, by: string, at: Date): Promise<void> {
  const asked = new Map([...(await accountManagerAssigners(tx, company)), ...(await tx.directory.withRole('department_manager'))].map((p) => [p.id, p]));
  for (const assigner of asked.values()) {
    await tx.outbox.enqueueUpdatesOf(requestKey(company, assigner), assigner.id, { kind: 'account_manager_needed_closed', company: company.name, accountManager, by }, at);
  }
}
