/**
 * LEAD-2 "one company, one owner": two reports name the same company when their
 * normalised names are equal. This file is policy core: it imports nothing.
 */

/** White space, punctuation, symbols, and invisible format/control characters (zero-width spaces pasted from web pages). */
const NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/gu;

/**
 * Legal forms in Latin letters are whole words at the end (`ACME Co., Ltd.`):
 * they are dropped word by word, so a name that merely ends in the same
 * letters keeps them (`Tesco`, `Zinc`, `Cisco` stay whole).
 */
const LATIN_LEGAL_WORDS = new Set([
  'co', 'ltd', 'coltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'group', 'company',
]);

/** Chinese legal forms are written without spaces, so they are stripped from the end of the joined name. Longest first. */
const CJK_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团', '公司'];

const fold = (s: string): string => s.normalize('NFKC').toLowerCase().normalize('NFKC');

/**
 * The comparison key for a company name: NFKC (full-width → half-width), lower
 * case, no white space or punctuation, legal forms stripped from the end again
 * and again. A name is never stripped to nothing: `有限公司` alone stays
 * `有限公司`, `Co., Ltd.` alone `coltd`. A name made only of punctuation keeps its punctuation (minus
 * white space); only an empty or all-white-space name gives ''.
 */
export const normalizeCompanyName = (name: string): string => {
  const folded = fold(name);
  // Removing a character can bring a base letter and a combining mark together; fold again so the key is stable.
  const words = folded.split(NOISE).filter(Boolean).map(fold);
  if (words.length === 0) return fold(folded.replace(/[\s\p{Z}\p{Cc}\p{Cf}]/gu, ''));

  for (;;) {
    const last = words[words.length - 1] ?? '';
    if (LATIN_LEGAL_WORDS.has(last) && words.some((w) => !LATIN_LEGAL_WORDS.has(w))) {
      words.pop();
      continue;
    }
    const joined = words.join('');
    const suffix = CJK_LEGAL_SUFFIXES.find((s) => joined.endsWith(s));
    // Stop before the key would vanish: the longest form that is the whole name stays.
    if (suffix === undefined || suffix.length === joined.length) return fold(joined);
    dropTrailingChars(words, suffix.length);
  }
};

/** Removes `count` characters from the end of the words, across word boundaries (`（集团）有限公司`). */
function dropTrailingChars(words: string[], count: number): void {
  let left = count;
  while (left > 0 && words.length > 0) {
    const last = words.pop() ?? '';
    if (last.length > left) words.push(last.slice(0, last.length - left));
    left -= Math.min(left, last.length);
  }
}

/** Full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９). */
const FULL_WIDTH_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu;

/**
 * The name as it is shown back: trimmed, runs of white space (the ideographic
 * space included) folded to one space, full-width letters and digits made
 * half-width. Chinese punctuation such as （） stays as typed.
 */
export const cleanCompanyDisplayName = (raw: string): string =>
  raw
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(FULL_WIDTH_ALPHANUMERIC, (c) => c.normalize('NFKC'));
