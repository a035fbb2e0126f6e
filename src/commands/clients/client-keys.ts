import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only the client card uses, with their English and Chinese spellings. */
export const CLIENT_KEYS = {
  purchase: ['purchase', '年采购额', '采购额'],
  grade: ['grade', '等级'],
  manager: ['manager', '客户经理'],
  // CLI-1: the confirmation card's buttons, naming the pending change.
  confirm_grade: ['confirm', '确认等级'],
  keep_grade: ['keep', '保留原等级'],
} as const;

export type ClientKey = SharedKeyName | keyof typeof CLIENT_KEYS;
