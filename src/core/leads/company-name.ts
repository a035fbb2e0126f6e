/**
 * LEAD-2 "one company, one owner": two reports name the same company when their
 * normalised names are equal. This file is policy core: it imports nothing.
 */

/** White space, punctuation, symbols, and invisible format/control characters (zero-width spaces pasted from web pages). */
const NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/gu;

/**
 * Legal-form suffixes as people write them. They are compared after the noise is
 * removed, so `Co., Ltd.` is `coltd` and also strips as `ltd` then `co`.
 * Stripping runs on the collapsed string so that spacing cannot change the
 * result; the price is that a name that merely ends in these letters loses
 * them too (`Tesco` → `tes`, `Zinc` → `z`), and two such names may collide.
 */
const LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团',
  '公司',
  'co.',
  'ltd.',
  'co.,ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'llc',
  'group',
];

const fold = (s: string): string => s.normalize('NFKC').toLowerCase().normalize('NFKC');

// Longest first, so 股份有限公司 goes as one piece rather than leaving 股份 behind.
const SUFFIX_KEYS = [...new Set(LEGAL_SUFFIXES.map((s) => fold(s).replace(NOISE, '')))].sort(
  (a, b) => b.length - a.length,
);

/**
 * The comparison key for a company name: NFKC (full-width → half-width), lower
 * case, no white space or punctuation, legal suffixes stripped from the end
 * again and again. When the longest suffix left is the whole key, stripping
 * stops there, so `有限公司` stays `有限公司` and `Group Inc.` becomes `group`. A name made only of
 * punctuation keeps its punctuation (minus white space) rather than becoming
 * empty; only an empty or all-white-space name gives ''.
 */
export const normalizeCompanyName = (name: string): string => {
  const folded = fold(name);
  // Removing a character can bring a base letter and a combining mark together; fold again so the key is stable.
  let key = fold(folded.replace(NOISE, ''));
  if (key === '') return fold(folded.replace(/[\s\p{Z}\p{Cc}\p{Cf}]/gu, ''));

  for (;;) {
    const suffix = SUFFIX_KEYS.find((s) => key.endsWith(s));
    // Stop before the key would vanish: `有限公司` alone stays `有限公司`, not `有限`.
    if (suffix === undefined || suffix.length === key.length) return key;
    key = key.slice(0, key.length - suffix.length);
  }
};

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
