import type { CoreDeps } from '../ports.ts';
import { localDate, type IsoDate } from '../time.ts';
import { DateTime } from 'luxon';

export type SkipReason = 'not_working_day' | 'quiet_hours';

export interface JobOutcome {
  /** Outbox rows this run added (a second run for the same moment adds none). */
  queued: number;
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
