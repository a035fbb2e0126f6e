import type { CoreDeps } from '../ports.ts';
import { localDate, type IsoDate } from '../time.ts';
import { DateTime } from 'luxon';

/** not_yet: a per-person reminder run before the policy's time of day (personWindow). */
export type SkipReason = 'not_working_day' | 'quiet_hours' | 'not_yet';

export interface JobOutcome {
  /** Outbox rows this run added (a second run for the same moment adds none). */
  queued: number;
  /** Why nothing was sent; for a per-person job, why nothing was sent to the people in the company's zone. */
  skipped: SkipReason | null;
}

/**
 * Whether a reminder job may speak at `at`: on working days of the China
 * calendar only, and only between the policy's quiet hours (never at night).
 * `everyDay`: days off too, quiet hours only (the sla job: CLI-4's 48 hours
 * are clock hours, and keep running over a weekend).
 */
export function jobWindow(deps: CoreDeps, at: Date, { everyDay = false }: { everyDay?: boolean } = {}): JobWindow | { skipped: SkipReason } {
  const date = localDate(at, deps.timezone);
  if (!everyDay && !deps.calendar.isWorkingDay(date)) return { skipped: 'not_working_day' };
  const time = DateTime.fromJSDate(at, { zone: deps.timezone }).toFormat('HH:mm');
  if (time < deps.policy.reminders.quietBefore || time > deps.policy.reminders.quietAfter) return { skipped: 'quiet_hours' };
  return { date, unknownYear: !everyDay && !deps.calendar.isKnown(date) ? Number(date.slice(0, 4)) : null };
}

/**
 * A per-person reminder's window at `at` (item 6, the org file's per-person
 * `timezone:`): the day and the time of day are the person's own (their zone,
 * else the company's); whether the day is a working day is the China
 * calendar's, as for everyone. Open once the person's local time has reached
 * `time` (the policy's time of the reminder) on a working day, and only
 * between the quiet hours of their zone. The schedule runs these jobs every
 * quarter of an hour, so each person is reached at their own `time`; the
 * dedupe keys (per person and their date) make the later runs of the day add
 * nothing.
 */
export function personWindow(deps: CoreDeps, at: Date, person: { timezone?: string }, time: string): JobWindow | { skipped: SkipReason } {
  const zone = person.timezone ?? deps.timezone;
  const date = localDate(at, zone);
  if (!deps.calendar.isWorkingDay(date)) return { skipped: 'not_working_day' };
  const now = DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
  if (now < deps.policy.reminders.quietBefore || now > deps.policy.reminders.quietAfter) return { skipped: 'quiet_hours' };
  if (now < time) return { skipped: 'not_yet' };
  return { date, unknownYear: deps.calendar.isKnown(date) ? null : Number(date.slice(0, 4)) };
}

/** What a per-person job reports as skipped: why the people of the company's zone got nothing at `at`, or null. */
export function companySkip(deps: CoreDeps, at: Date, time: string): SkipReason | null {
  const window = personWindow(deps, at, {}, time);
  return 'skipped' in window ? window.skipped : null;
}

/** Of `people`, those whose window (personWindow) is open at `at`, each with it. */
export function duePeople<P extends { timezone?: string }>(deps: CoreDeps, at: Date, people: P[], time: string): { person: P; window: JobWindow }[] {
  const due: { person: P; window: JobWindow }[] = [];
  for (const person of people) {
    const window = personWindow(deps, at, person, time);
    if (!('skipped' in window)) due.push({ person, window });
  }
  return due;
}

export interface JobWindow {
  date: IsoDate;
  /**
   * Set when today's year is one the China calendar does not know: the job
   * runs because today is a weekday (the fallback), and every reminder it
   * sends says so (`calendarWarning`).
   */
  unknownYear: number | null;
}

/** What a working-day reminder carries when it runs on the fallback calendar: spread into its notice. */
export const calendarWarning = (window: JobWindow): { calendarUnknownYear?: number } =>
  window.unknownYear === null ? {} : { calendarUnknownYear: window.unknownYear };

/** The working day before `date`, looking back at most two weeks (the Spring Festival is long). */
export function previousWorkingDay(deps: CoreDeps, date: IsoDate): IsoDate | null {
  let d = DateTime.fromISO(date, { zone: 'UTC' });
  for (let i = 0; i < 14; i++) {
    d = d.minus({ days: 1 });
    const iso = d.toISODate() as IsoDate;
    if (deps.calendar.isWorkingDay(iso)) return iso;
  }
  return null;
}
