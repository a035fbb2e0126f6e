import { ok, refuse, type Result } from '../../core/result.ts';

export type DateError = 'date_invalid';

/** Words for a day relative to `today`, matched after NFKC and lower case. */
const RELATIVE_DAYS: Record<string, number> = {
  前天: -2,
  昨天: -1,
  昨日: -1,
  yesterday: -1,
  今天: 0,
  今日: 0,
  today: 0,
  明天: 1,
  明日: 1,
  tomorrow: 1,
  后天: 2,
};

// Separators must agree (`2026-12/01` is refused): mixed ones are more likely a typo than a date.
const YEAR_MONTH_DAY = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/u;
const MONTH_DAY = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})$/u;
// 日/号 may be left off (`12月1`), the month and day are unambiguous without it.
const CHINESE_FULL = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u;
const CHINESE_MONTH_DAY = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u;

/** Years outside this range are almost certainly typos (`2062`, `0226`), not deadlines. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/**
 * Reads a calendar date typed by a person and returns it as `YYYY-MM-DD`.
 * `today` is today's date in the company time zone, computed by the caller:
 * this function knows no clock and no zone. Month-day forms take today's year.
 * A malformed `today` is a bug in the caller and throws.
 */
export const parseDate = (text: string, today: string): Result<string, DateError> => {
  const base = readIso(today);
  if (!base) throw new TypeError(`parseDate: today must be a valid YYYY-MM-DD date, got ${JSON.stringify(today)}`);

  const s = text.normalize('NFKC').trim().toLowerCase();
  const offset = RELATIVE_DAYS[s];
  if (offset !== undefined) return ok(addDays(base, offset));

  let m = YEAR_MONTH_DAY.exec(s);
  if (m) return fromParts(m[1], m[3], m[4]);
  m = CHINESE_FULL.exec(s);
  if (m) return fromParts(m[1], m[2], m[3]);
  m = MONTH_DAY.exec(s) ?? CHINESE_MONTH_DAY.exec(s);
  if (m) return fromParts(String(base.year), m[1], m[2]);
  return refuse('date_invalid');
};

type Ymd = { year: number; month: number; day: number };

const fromParts = (y = '', mo = '', d = ''): Result<string, DateError> => {
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  if (date.year < MIN_YEAR || date.year > MAX_YEAR || !isRealDate(date)) return refuse('date_invalid');
  return ok(formatIso(date));
};

const readIso = (iso: string): Ymd | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return date.year >= MIN_YEAR && date.year <= MAX_YEAR && isRealDate(date) ? date : null;
};

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

const isRealDate = ({ year, month, day }: Ymd): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

// Date.UTC is used only as a calendar (whole days, no zone): the result never depends on the host's zone.
const addDays = ({ year, month, day }: Ymd, days: number): string => {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatIso({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
};

const formatIso = ({ year, month, day }: Ymd): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
