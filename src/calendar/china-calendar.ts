import chineseDays from 'chinese-days';
import type { WorkCalendar } from '../core/ports.ts';
import type { Policy } from '../core/policy.ts';

/**
 * Working days of the mainland China calendar: public holidays off, make-up
 * working days (调休) on, from the maintained `chinese-days` tables. The
 * policy's own lists come first, for a year the library does not know yet
 * (the State Council publishes next year's schedule in November or so).
 */
export function chinaCalendar(calendar: Policy['calendar']): WorkCalendar {
  const holidays = new Set(calendar.extraHolidays);
  const workdays = new Set(calendar.extraWorkdays);
  // Every lead asks about today, and the library parses the date each time: answers are kept (a few hundred days a year).
  const known = new Map<string, boolean>();
  return {
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      let working = known.get(date);
      if (working === undefined) known.set(date, (working = chineseDays.isWorkday(date)));
      return working;
    },
  };
}
