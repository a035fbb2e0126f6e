import { ok, refuse, type Result } from '../../core/result.ts';

export type PhoneError = 'phone_invalid';
export type Phone = { canonical: string; kind: 'mobile' | 'landline' };

/** `+86`, `(+86)`, `0086` or a bare `86` in front. No domestic number starts with 8 or 00, so a bare 86 is safe. */
const COUNTRY_PREFIX = /^(?:\(\s*\+?\s*86\s*\)|\+\s*86|0086|86)/u;
/** An extension named by a word: `转123`, `分机123`, `ext 123`, `ext.123`, `x123`. */
const WORD_EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x)\s*(\d{1,6})$/u;
/** What may remain once the prefix and a word extension are gone: digits and separators. */
const DIGITS_AND_SEPARATORS = /^[\d\s\-.()]+$/u;
const MOBILE = /^1[3-9]\d{9}$/u;

/**
 * Reads a mainland China mobile or landline number and returns one canonical
 * spelling, so the same number typed two ways is stored (and blind-indexed) once.
 * mobile: `+8613812345678`; landline: `+86-21-12345678` or `+86-21-12345678-123`.
 */
export const parsePhone = (text: string): Result<Phone, PhoneError> => {
  let s = text.normalize('NFKC').trim().toLowerCase();

  let extension: string | null = null;
  const word = WORD_EXTENSION.exec(s);
  if (word) [, s = '', extension = null] = word;

  const prefix = COUNTRY_PREFIX.exec(s);
  if (prefix) s = s.slice(prefix[0].length);
  if (!DIGITS_AND_SEPARATORS.test(s)) return refuse('phone_invalid');

  const digits = s.replace(/\D/g, '');
  if (MOBILE.test(digits)) return extension === null ? ok({ canonical: `+86${digits}`, kind: 'mobile' }) : refuse('phone_invalid');

  // With a country code the trunk 0 is dropped (`+86 21 …`); people often keep it anyway (`+86 021 …`).
  const national = prefix && !digits.startsWith('0') ? `0${digits}` : digits;
  if (extension !== null) return landline(national, extension);

  // A dash-separated last group is an extension when what stands before it is a whole number:
  // `010-1234567-8` is 010 1234567 ext 8, while `021-1234-5678` is 021 12345678.
  const dashed = /^(.*\d)\s*-\s*(\d{1,6})$/u.exec(s);
  if (dashed) {
    const before = dashed[1]?.replace(/\D/g, '') ?? '';
    const withExtension = landline(prefix && !before.startsWith('0') ? `0${before}` : before, dashed[2] ?? '');
    if (withExtension.ok) return withExtension;
  }
  return landline(national, null);
};

/**
 * `national` is the trunk 0, the area code, then the subscriber number. The area
 * code's length is not typed reliably (`0211-2345678`), so it is read from the
 * numbering plan instead: 010 and 02x are two digits after the 0, all others three.
 */
const landline = (national: string, extension: string | null): Result<Phone, PhoneError> => {
  const m = /^0(10|2\d|[3-9]\d{2})(\d{7,8})$/u.exec(national);
  if (!m) return refuse('phone_invalid');
  const [, area = '', subscriber = ''] = m;
  return ok({ canonical: `+86-${area}-${subscriber}${extension === null ? '' : `-${extension}`}`, kind: 'landline' });
};
