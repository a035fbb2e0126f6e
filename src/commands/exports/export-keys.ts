import type { SharedKeyName } from '../../grammar/keys.ts';

/** The key only `/export` uses, with its English and Chinese spellings. */
export const EXPORT_KEYS = {
  format: ['format', '格式'],
} as const;

export type ExportKey = SharedKeyName | keyof typeof EXPORT_KEYS;
