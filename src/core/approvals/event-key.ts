/**
 * EXP-1 splitting: requests name the same event when their keys are equal.
 * The key folds what people type differently for one event: full-width and
 * half-width forms (NFKC), letter case, white space, punctuation and symbols
 * ("2026 上海车展", "2026上海车展！", "２０２６上海车展" are one event). It does not
 * reuse the company-name key (src/core/leads/company-name.ts), which also drops
 * legal suffixes such as 公司 or Group from the end: words that do tell events
 * apart ("年会" vs "集团年会"). The migration that added the column keyed older
 * rows the same way in SQL.
 */
const NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\s]/gu;

export const eventKey = (event: string): string => event.normalize('NFKC').toLowerCase().replace(NOISE, '');
