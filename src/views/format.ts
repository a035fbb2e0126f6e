import type { Locale } from '../core/people.ts';
import { translator } from '../i18n/translate.ts';

// In fen, as every amount is: 万 is ¥10,000, 亿 is ¥100,000,000.
const WAN_FEN = 1_000_000;
const YI_FEN = 10_000_000_000;

/**
 * Every amount a person reads. en: ¥523,000 (fen shown only when there are
 * some). zh-CN: as people there read amounts, ¥52.3万 from ¥10,000 and
 * ¥1.2亿 from ¥100,000,000, when that is exact to two decimals (a multiple
 * of ¥100, or of ¥1,000,000 for 亿); an amount those would round is shown in
 * full (¥12,345.67), so no figure is ever made rounder than it is.
 */
export function formatMoney(fen: number, locale: Locale): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  if (locale === 'zh-CN') {
    if (abs >= YI_FEN && abs % (YI_FEN / 100) === 0) return `${sign}¥${grouped(abs / YI_FEN, locale)}${translator(locale)('money.yi')}`;
    if (abs >= WAN_FEN && abs % (WAN_FEN / 100) === 0) return `${sign}¥${grouped(abs / WAN_FEN, locale)}${translator(locale)('money.wan')}`;
  }
  const whole = abs % 100 === 0;
  return `${sign}¥${new Intl.NumberFormat(locale, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(abs / 100)}`;
}

/** 52.3, 1,234.5: at most two decimals, none when there are none. */
const grouped = (n: number, locale: Locale): string => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);

/**
 * A phone as people write it: a mainland mobile 3-4-4 (`138 1234 5678`), a
 * landline with its area code (`021 1234 5678`, `0571 8888 6666`, a 7-digit
 * number `0571 888 6666`), an extension after a dash. Takes the canonical
 * spelling (`+8613812345678`, `+86-21-12345678-123`) and the masked one
 * (`138****5678`, `021-****5678`), so a masked number reads like the rest.
 * Anything else is shown as it is.
 */
export function formatPhone(phone: string): string {
  const mobile = /^(?:\+86)?(1\d{2})(\d{4}|\*{4})(\d{4})$/.exec(phone);
  if (mobile) return `${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  const landline = /^(?:\+86-(\d{2,3})|0(\d{2,3}))-(\d{7,8}|\*{4}\d{4})(?:-(\d{1,6}))?$/.exec(phone);
  if (landline) {
    const area = `0${landline[1] ?? landline[2]}`;
    const number = landline[3] ?? '';
    const split = number.length === 7 ? `${number.slice(0, 3)} ${number.slice(3)}` : `${number.slice(0, 4)} ${number.slice(4)}`;
    return `${area} ${split}${landline[4] ? `-${landline[4]}` : ''}`;
  }
  return phone;
}

/** A progress bar that reads the same in every chat: ■■■□□ */
export function progressBar(current: number, target: number, width = target > 0 && target <= 10 ? target : 10): string {
  if (target <= 0) return '';
  const filled = Math.min(width, Math.round((Math.min(current, target) / target) * width));
  return '■'.repeat(filled) + '□'.repeat(width - filled);
}
