import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only expenses, promotions and delegation use (EXP-1, PROMO-1, APR-3), with their English and Chinese spellings. */
export const APPROVAL_KEYS = {
  purpose: ['purpose', '用途'],
  event: ['event', '活动'],
  subject: ['subject', '名称'],
  product: ['product', '产品'],
  start: ['start', '开始'],
  budget: ['budget', '预算'],
  until: ['until', '截止', '到'],
} as const;

export type ApprovalKey = SharedKeyName | keyof typeof APPROVAL_KEYS;
