import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { calendarWarning, companySkip, duePeople, previousWorkingDay, type JobOutcome } from './job-window.ts';

/** People with the LEAD-1 target on their `date`: sales and account managers, not on leave, not muted. */
async function targetHolders(tx: Tx, people: { person: Person; date: string }[]): Promise<Person[]> {
  const ids = people.map((p) => p.person.id);
  const muted = await tx.availability.muted(ids);
  const out: Person[] = [];
  for (const date of new Set(people.map((p) => p.date))) {
    const onDate = people.filter((p) => p.date === date).map((p) => p.person);
    const away = await tx.availability.onLeave(onDate.map((p) => p.id), date);
    out.push(...onDate.filter((p) => !away.has(p.id) && !muted.has(p.id)));
  }
  return out;
}

const leadTargetRoles = async (tx: Tx): Promise<Person[]> => [...(await tx.directory.withRole('sales')), ...(await tx.directory.withRole('account_manager'))];

/** Each day's lead counts, read once per distinct day of the people reached. */
const countsByDate = async (tx: Tx, dates: Iterable<string>): Promise<Map<string, Map<string, number>>> => {
  const out = new Map<string, Map<string, number>>();
  for (const date of new Set(dates)) out.set(date, await tx.leads.countsOn(date));
  return out;
};

/**
 * `daily-leads-morning`: today's target and the last working day's result, to
 * each salesperson, at the policy's time in their own zone (personWindow).
 */
export async function dailyLeadsMorning(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const time = deps.policy.reminders.leadsMorning;
  const target = deps.policy.leads.dailyTarget;
  const result = await deps.store.transaction(async (tx) => {
    const due = duePeople(deps, at, await leadTargetRoles(tx), time);
    const dateOf = new Map(due.map(({ person, window }) => [person.id, window]));
    const people = await targetHolders(tx, due.map(({ person, window }) => ({ person, date: window.date })));
    const previousOf = (date: string) => previousWorkingDay(deps, date);
    const previous = await countsByDate(tx, people.map((p) => previousOf(dateOf.get(p.id)!.date)).filter((d): d is string => d !== null));
    const queued = await tx.outbox.enqueueMany(
      people.map((person) => {
        const window = dateOf.get(person.id)!;
        const { date } = window;
        const previousDate = previousOf(date);
        return {
          dedupeKey: `leads_morning:${person.id}:${date}`,
          personId: person.id,
          notice: { kind: 'leads_morning' as const, date, target, previousDate, previousCount: previousDate ? (previous.get(previousDate)?.get(person.id) ?? 0) : 0, previousTarget: previousDate ? target : 0, ...calendarWarning(window) },
        };
      }),
      at,
    );
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: companySkip(deps, at, time) };
}

/** `daily-leads-nudge`: only to those under target on their day, saying how many are missing, at the policy's time in their zone. */
export async function dailyLeadsNudge(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const time = deps.policy.reminders.leadsNudge;
  const target = deps.policy.leads.dailyTarget;
  const result = await deps.store.transaction(async (tx) => {
    const due = duePeople(deps, at, await leadTargetRoles(tx), time);
    const dateOf = new Map(due.map(({ person, window }) => [person.id, window]));
    const people = await targetHolders(tx, due.map(({ person, window }) => ({ person, date: window.date })));
    const counts = await countsByDate(tx, people.map((p) => dateOf.get(p.id)!.date));
    const under = people
      .map((person) => ({ person, window: dateOf.get(person.id)!, count: counts.get(dateOf.get(person.id)!.date)?.get(person.id) ?? 0 }))
      .filter(({ count }) => count < target);
    const queued = await tx.outbox.enqueueMany(
      under.map(({ person, window, count }) => ({
        dedupeKey: `leads_nudge:${person.id}:${window.date}`,
        personId: person.id,
        notice: { kind: 'leads_nudge' as const, date: window.date, count, target, missing: target - count, ...calendarWarning(window) },
      })),
      at,
    );
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: companySkip(deps, at, time) };
}
