import type { Locale } from '../core/people.ts';

/** ¥6,000,000 from 600000000 fen; fen shown only when there are some. */
export function formatMoney(fen: number, locale: Locale): string {
  const whole = fen % 100 === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(fen / 100);
}

/** A progress bar that reads the same in every chat: ■■■□□ */
export function progressBar(current: number, target: number, width = target > 0 && target <= 10 ? target : 10): string {
  if (target <= 0) return '';
  const filled = Math.min(width, Math.round((Math.min(current, target) / target) * width));
  return '■'.repeat(filled) + '□'.repeat(width - filled);
}
