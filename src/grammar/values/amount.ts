import { ok, refuse, type Result } from '../../core/result.ts';

export type AmountError = 'amount_invalid' | 'amount_negative' | 'amount_too_large';

/** Largest accepted amount: 10^12 yuan, in fen. Well below 2^53, so the result is a safe integer. */
const MAX_FEN = 10n ** 14n;

/** Multiplier words, as powers of ten of a yuan. `w` is the pinyin shorthand for 万. */
const UNIT_EXPONENT: Record<string, number> = { '': 0, k: 3, 千: 3, w: 4, 万: 4, 百万: 6, 千万: 7, 亿: 8 };

/**
 * Applied after NFKC + lower case, so `￥`, `，`, `Ｋ`, full-width digits and `RMB`
 * arrive as `¥`, `,`, `k`, ASCII digits and `rmb`.
 * Groups: 1 sign, 2 currency prefix, 3 sign after the prefix, 4 whole part, 5 fraction, 6 unit.
 * Thousands commas must group by exactly three (`1,23,4` fails); `\d` is ASCII-only.
 */
const PATTERN =
  /^(-?)\s*(¥|rmb|cny|人民币)?\s*(-?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(k|千|w|万|百万|千万|亿)?\s*(?:元|块钱|块|rmb|cny|yuan)?$/u;

/**
 * Reads a money amount typed by a person and returns whole fen (1 yuan = 100 fen).
 * All arithmetic is on digit strings and BigInt; a float never touches the value.
 * Zero is accepted; callers decide whether it makes sense.
 */
export const parseAmount = (text: string): Result<number, AmountError> => {
  // U+2212 (minus sign) survives NFKC; treat it as the hyphen people meant.
  const m = PATTERN.exec(text.normalize('NFKC').toLowerCase().replace(/\u2212/g, '-').trim());
  if (!m) return refuse('amount_invalid');
  const [, sign1 = '', , sign2 = '', whole = '', fraction = '', unit = ''] = m;
  if (sign1 && sign2) return refuse('amount_invalid');

  const exponent = UNIT_EXPONENT[unit];
  if (exponent === undefined) return refuse('amount_invalid');
  const fen = toFen(whole.replace(/,/g, ''), fraction, exponent + 2);
  if (fen === 'too_fine') return refuse('amount_invalid', { reason: 'finer_than_fen' });

  // A minus in front of an otherwise readable amount is a negative amount, whatever its size.
  if (sign1 || sign2) return refuse('amount_negative');
  if (fen === 'too_large' || fen > MAX_FEN) return refuse('amount_too_large', { maxYuan: Number(MAX_FEN / 100n) });
  return ok(Number(fen));
};

/** `whole.fraction × 10^exponent` as an exact integer, or why it is not one. */
const toFen = (whole: string, fraction: string, exponent: number): bigint | 'too_fine' | 'too_large' => {
  const frac = fraction.replace(/0+$/, ''); // trailing zeros change nothing: 1.50 = 1.5
  if (frac.length > exponent) return 'too_fine';
  const digits = (whole + frac).replace(/^0+(?=\d)/, '');
  // Checked before building the BigInt so a pasted wall of digits costs nothing.
  if (digits.length + exponent - frac.length > 30) return 'too_large';
  return BigInt(digits) * 10n ** BigInt(exponent - frac.length);
};
