import { ok, refuse, type Result } from '../../core/result.ts';

export type PeriodError = 'choice_invalid';

/** How a quarter may be written, for the reply that refuses one. */
export const QUARTER_FORMS = '2026Q4, 2026-Q4, 2026年第4季度, Q4';
export const MONTH_FORMS = '2026-12, 2026/12, 2026年12月, 12月';

const CN_DIGITS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/**
 * A quarter as people write it → '2026Q4'. `today` ('YYYY-MM-DD') gives the
 * year when it is left out (`Q4`, `第4季度`).
 */
export function parseQuarter(text: string, today: string): Result<string, PeriodError> {
  const s = text.normalize('NFKC').trim().replace(/[一二三四]/g, (d) => CN_DIGITS[d] ?? d);
  const m =
    /^(\d{4})\s*-?\s*q\s*([1-4])$/i.exec(s) ??
    /^(\d{4})\s*年?\s*第?\s*([1-4])\s*季度?$/.exec(s) ??
    /^()q([1-4])$/i.exec(s) ??
    /^()第?([1-4])季度$/.exec(s);
  if (!m) return refuse('choice_invalid');
  const year = m[1] || today.slice(0, 4);
  return ok(`${year}Q${m[2]}`);
}

/** A month as people write it → '2026-12'; `today` gives the year of `12月`. */
export function parseMonth(text: string, today: string): Result<string, PeriodError> {
  const s = text.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(s) ?? /^(\d{4})\s*年\s*(\d{1,2})\s*月?$/.exec(s) ?? /^()(\d{1,2})\s*月(份)?$/.exec(s);
  if (!m) return refuse('choice_invalid');
  const month = Number(m[2]);
  if (month < 1 || month > 12) return refuse('choice_invalid');
  return ok(`${m[1] || today.slice(0, 4)}-${String(month).padStart(2, '0')}`);
}
