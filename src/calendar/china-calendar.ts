import chineseDays from 'chinese-days';
import type { CalendarCoverage, WorkCalendar } from '../core/ports.ts';
import type { Policy } from '../core/policy.ts';

/** The first year of the `chinese-days` tables; a year before it is never asked about. */
const FIRST_YEAR = 2004;

/**
 * Working days of the mainland China calendar: public holidays off, make-up
 * working days (调休) on, from the maintained `chinese-days` tables. The
 * policy's own lists come first, for a year the library does not know yet
 * (the State Council publishes next year's schedule in November or so).
 *
 * A year is known when the library has public holidays on weekdays in it
 * (every real year has them: the Spring Festival) or the policy file lists a
 * holiday in it. In a year that is not, the library answers weekends off and
 * every weekday on: that is the fallback, and `isKnown` says when it applies.
 */
export function chinaCalendar(calendar: Policy['calendar']): WorkCalendar {
  const holidays = new Set(calendar.extraHolidays);
  const workdays = new Set(calendar.extraWorkdays);
  const policyYears = new Set(calendar.extraHolidays.map((d) => Number(d.slice(0, 4))));
  // Every lead asks about today, and the library parses the date each time: answers are kept (a few hundred days a year).
  const known = new Map<string, boolean>();
  const yearKnown = new Map<number, boolean>();
  const isKnownYear = (year: number): boolean => {
    let answer = yearKnown.get(year);
    if (answer === undefined) {
      answer = policyYears.has(year) || chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      yearKnown.set(year, answer);
    }
    return answer;
  };
  return {
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      let working = known.get(date);
      if (working === undefined) known.set(date, (working = chineseDays.isWorkday(date)));
      return working;
    },
    isKnown: (date) => isKnownYear(Number(date.slice(0, 4))),
    coverage(fromYear, toYear): CalendarCoverage {
      let knownThrough: number | null = null;
      for (let y = FIRST_YEAR; y <= toYear; y++) if (isKnownYear(y)) knownThrough = y;
      const unknownYears: number[] = [];
      for (let y = fromYear; y <= toYear; y++) if (!isKnownYear(y)) unknownYears.push(y);
      return { knownThrough, unknownYears };
    },
  };
}
