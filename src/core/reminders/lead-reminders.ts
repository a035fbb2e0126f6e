import type { Person } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import { calendarWarning, jobWindow, previousWorkingDay, type JobOutcome } from './job-window.ts';

/** People with the LEAD-1 target today: sales and account managers, not on leave, not muted. */
async function targetHolders(tx: Tx, date: string): Promise<Person[]> {
  const people = [...(await tx.directory.withRole('sales')), ...(await tx.directory.withRole('account_manager'))];
  const ids = people.map((p) => p.id);
  const away = await tx.availability.onLeave(ids, date);
  const muted = await tx.availability.muted(ids);
  return people.filter((p) => !away.has(p.id) && !muted.has(p.id));
}

/** `daily-leads-morning`: today's target and the last working day's result, to each salesperson. */
export async function dailyLeadsMorning(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const target = deps.policy.leads.dailyTarget;
  const previousDate = previousWorkingDay(deps, date);
  const result = await deps.store.transaction(async (tx) => {
    const people = await targetHolders(tx, date);
    const previous = previousDate ? await tx.leads.countsOn(previousDate) : new Map<string, number>();
    const queued = await tx.outbox.enqueueMany(
      people.map((person) => ({
        dedupeKey: `leads_morning:${person.id}:${date}`,
        personId: person.id,
        notice: { kind: 'leads_morning' as const, date, target, previousDate, previousCount: previous.get(person.id) ?? 0, previousTarget: previousDate ? target : 0, ...calendarWarning(window) },
      })),
      at,
    );
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/** `daily-leads-nudge`: only to those under target today, saying how many are missing. */
export async function dailyLeadsNudge(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const target = deps.policy.leads.dailyTarget;
  const result = await deps.store.transaction(async (tx) => {
    const people = await targetHolders(tx, date);
    const counts = await tx.leads.countsOn(date);
    const under = people.map((person) => ({ person, count: counts.get(person.id) ?? 0 })).filter(({ count }) => count < target);
    const queued = await tx.outbox.enqueueMany(
      under.map(({ person, count }) => ({
        dedupeKey: `leads_nudge:${person.id}:${date}`,
        personId: person.id,
        notice: { kind: 'leads_nudge' as const, date, count, target, missing: target - count, ...calendarWarning(window) },
      })),
      at,
    );
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}
