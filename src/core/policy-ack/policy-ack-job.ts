import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import type { OutboxEntry } from '../notices.ts';
import { ROLES, type Person } from '../people.ts';
import type { CoreDeps } from '../ports.ts';
import { calendarWarning, jobWindow, type JobOutcome } from '../reminders/job-window.ts';
import { addDays, type IsoDate } from '../time.ts';
import { pendingOf } from './acknowledgements.ts';
import { itemVersion } from './versions.ts';

/** The digest names this many people at most; the rest are counted (a card has limits). */
export const DIGEST_NAMES = 30;

/**
 * `policy-ack` (TRN-1), run every hour; it speaks on working days inside the
 * quiet hours only.
 *
 * - Whoever has something of the current policy to acknowledge is reminded
 *   once for exactly that: the dedupe key is the person and the versions
 *   waiting. A person new to the directory (an org import added them; staff
 *   on probation are new staff) has everything waiting and hears it within
 *   the hour on their first working day there; after a policy file changes
 *   a rule, everyone who had acknowledged the old version is asked about
 *   the changed rules only, once. Hourly, because "their first working day"
 *   starts when the import adds them, not at a fixed hour.
 * - On the first working day of a week, each department manager gets the
 *   week's digest of who has not acknowledged, once a week, when anyone has not.
 */
export async function policyAckJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const result = await deps.store.transaction(async (tx) => {
    const people: Person[] = [];
    for (const role of ROLES) people.push(...(await tx.directory.withRole(role)));
    people.sort((a, b) => a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
    const pending = await pendingOf(tx, deps.policy, people);
    const acked = new Set((await tx.policyAcks.acksOf(people.map((p) => p.id))).map((a) => a.personId));
    const entries: OutboxEntry[] = [];
    for (const person of people) {
      const items = pending.get(person.id) ?? [];
      if (!items.length) continue;
      const waiting = items.map((item) => `${item}@${itemVersion(deps.policy, item)}`).join(',');
      entries.push({
        dedupeKey: `policy_ack:${person.id}:${createHash('sha256').update(waiting).digest('hex').slice(0, 16)}`,
        personId: person.id,
        notice: { kind: 'policy_ack_due', items, changed: acked.has(person.id), ...calendarWarning(window) },
      });
    }
    if (isFirstWorkingDayOfWeek(deps, window.date)) {
      const missing = people.filter((p) => (pending.get(p.id) ?? []).length > 0);
      if (missing.length) {
        const week = DateTime.fromISO(window.date, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
        const items = missing.slice(0, DIGEST_NAMES).map((p) => ({ name: p.name, region: p.region, pending: pending.get(p.id)?.length ?? 0 }));
        for (const dm of await tx.directory.withRole('department_manager')) {
          entries.push({
            dedupeKey: `policy_ack_digest:${dm.id}:${week}`,
            personId: dm.id,
            notice: { kind: 'policy_ack_digest', items, more: missing.length - items.length, covered: people.length, ...calendarWarning(window) },
          });
        }
      }
    }
    return { ok: true as const, value: entries.length ? await tx.outbox.enqueueMany(entries, at) : 0 };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/** No working day before `date` in its ISO week (Monday, or the first after a holiday; a make-up Sunday starts its own week's count). */
function isFirstWorkingDayOfWeek(deps: CoreDeps, date: IsoDate): boolean {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday; // 1 = Monday
  for (let back = 1; back < weekday; back++) if (deps.calendar.isWorkingDay(addDays(date, -back))) return false;
  return true;
}
