import { DateTime } from 'luxon';

/**
 * Calendar arithmetic in the company's time zone. Dates are ISO strings
 * ('YYYY-MM-DD'): a working day is a day on the wall calendar, not an instant.
 */
export type IsoDate = string;

/** Now, injected: the core has no clock of its own. */
export interface Clock {
  now(): Date;
}

/** Which days are working days in China; implemented in src/calendar. */
export interface WorkCalendar {
  /**
   * In a year the calendar does not know (see isKnown), weekends are off and
   * every weekday is taken as a working day: the documented fallback, told to
   * admins at start, in /healthz and on every reminder it affects.
   */
  isWorkingDay(date: IsoDate): boolean;
  /** Are the public holidays and make-up days of this date's year known (the maintained tables, or the policy file's lists)? */
  isKnown(date: IsoDate): boolean;
  /** The last year known, and the years from `fromYear` to `toYear` that are not. */
  coverage(fromYear: number, toYear: number): CalendarCoverage;
}

export interface CalendarCoverage {
  knownThrough: number | null;
  unknownYears: number[];
}

/**
 * The calendar day of an instant in a zone. Every command asks for today, and
 * luxon's zone arithmetic is among the costliest steps of a lead; a day (in
 * any zone) only changes on a whole minute, so the answer is kept per zone
 * and minute.
 */
export function localDate(instant: Date, zone: string): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  const cached = lastLocalDate.get(zone);
  if (cached?.minute === minute) return cached.date;
  const date = DateTime.fromJSDate(instant, { zone }).toISODate() as IsoDate;
  lastLocalDate.set(zone, { minute, date });
  return date;
}
const lastLocalDate = new Map<string, { minute: number; date: IsoDate }>();

const day = (date: IsoDate): DateTime => DateTime.fromISO(date, { zone: 'UTC' });

export const addDays = (date: IsoDate, days: number): IsoDate => day(date).plus({ days }).toISODate() as IsoDate;

export const addMonths = (date: IsoDate, months: number): IsoDate =>
  day(date).plus({ months }).toISODate() as IsoDate;

/** Monday to Sunday around `date`, as China counts a week. */
export const weekOf = (date: IsoDate): { from: IsoDate; to: IsoDate } => {
  const d = day(date);
  return { from: d.startOf('week').toISODate() as IsoDate, to: d.endOf('week').toISODate() as IsoDate };
};

export const quarterOf = (date: IsoDate): { from: IsoDate; to: IsoDate } => {
  const d = day(date);
  return { from: d.startOf('quarter').toISODate() as IsoDate, to: d.endOf('quarter').toISODate() as IsoDate };
};

export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round(day(to).diff(day(from), 'days').days);

/** 'YYYY-MM-DD HH:mm' on the company's wall clock, for "decided at" lines. */
export const localDateTime = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** Milliseconds in an hour: CLI-4's clock counts clock hours, not working hours. */
export const HOUR_MS = 3_600_000;
