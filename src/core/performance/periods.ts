import { DateTime } from 'luxon';
import type { IsoDate } from '../time.ts';
import type { Month, Quarter } from './types.ts';

/**
 * Quarters ('2026Q4') and months ('2026-11') as the review counts them: in
 * the company's time zone, as calendar days and as the instants that bound
 * them (a contract signed at 23:30 on 31 Dec in Shanghai is in Q4).
 */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export const quarterOfDate = (date: IsoDate): Quarter => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
};

export const monthOfDate = (date: IsoDate): Month => date.slice(0, 7);

export const quarterRange = (quarter: Quarter): Period => {
  const [y, q] = quarter.split('Q').map(Number) as [number, number];
  const start = DateTime.utc(y, (q - 1) * 3 + 1, 1);
  return { from: start.toISODate() as IsoDate, to: start.endOf('quarter').toISODate() as IsoDate };
};

export const monthRange = (month: Month): Period => {
  const start = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return { from: start.toISODate() as IsoDate, to: start.endOf('month').toISODate() as IsoDate };
};

export const previousQuarter = (quarter: Quarter): Quarter => {
  const { from } = quarterRange(quarter);
  return quarterOfDate(DateTime.fromISO(from, { zone: 'UTC' }).minus({ days: 1 }).toISODate() as IsoDate);
};

export const previousMonth = (month: Month): Month =>
  DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).minus({ months: 1 }).toFormat('yyyy-MM');

/** The three months of a quarter, in order. */
export const monthsOf = (quarter: Quarter): Month[] => {
  const { from } = quarterRange(quarter);
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  return [0, 1, 2].map((i) => start.plus({ months: i }).toFormat('yyyy-MM'));
};

/** [start of `from`, start of the day after `to`) in the company's zone, for timestamps. */
export const instants = (period: Period, zone: string): { from: Date; to: Date } => ({
  from: DateTime.fromISO(period.from, { zone }).startOf('day').toJSDate(),
  to: DateTime.fromISO(period.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate(),
});

/** The n-th working day of the month (1 = first), looking at most through the month. */
export function nthWorkingDay(isWorkingDay: (d: IsoDate) => boolean, month: Month, n: number): IsoDate | null {
  const { from, to } = monthRange(month);
  let d = DateTime.fromISO(from, { zone: 'UTC' });
  let seen = 0;
  while ((d.toISODate() as IsoDate) <= to) {
    const iso = d.toISODate() as IsoDate;
    if (isWorkingDay(iso) && ++seen === n) return iso;
    d = d.plus({ days: 1 });
  }
  return null;
}

export const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
