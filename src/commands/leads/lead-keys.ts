import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only lead reports use, with their English and Chinese spellings. */
export const LEAD_KEYS = {
  contact: ['contact', 'name', '联系人'],
  phone: ['phone', 'tel', 'mobile', '电话', '手机'],
  email: ['email', 'mail', '邮箱', '电子邮件'],
  size: ['size', '规模'],
  position: ['position', '行业地位', '地位'],
  code: ['code', '信用代码', '统一社会信用代码'],
  source: ['source', '来源'],
} as const;

export type LeadKey = SharedKeyName | keyof typeof LEAD_KEYS;
