import { ok, refuse, type Result } from '../../core/result.ts';

export type CreditCodeError = 'credit_code_invalid';

/** GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V. A character's value is its index. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/u;

/**
 * The check character for the first 17 characters of a unified social credit
 * code (统一社会信用代码), or null when the prefix is not 17 valid characters.
 */
export const creditCodeCheckChar = (prefix17: string): string | null => {
  if (prefix17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(prefix17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] ?? null;
};

/**
 * Reads an 18-character unified social credit code and returns it upper-case
 * without spaces. Only the alphabet and the check character are verified, not
 * whether the registration authority or region parts exist.
 */
export const parseCreditCode = (text: string): Result<string, CreditCodeError> => {
  const s = text.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
  if (!SHAPE.test(s) || creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return refuse('credit_code_invalid');
  return ok(s);
};
