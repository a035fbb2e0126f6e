/**
 * The `key:value` keys several families share, with their English and
 * Chinese spellings; the first spelling of each language is the one shown in
 * help and forms. A key only one family uses is spelt in that family's module.
 */
export const SHARED_KEYS = {
  company: ['company', '公司'],
  region: ['region', '区域', '地区'],
  reason: ['reason', '原因', '理由'],
  method: ['method', '方式', '付款方式'],
  note: ['note', '备注'],
  amount: ['amount', '金额'],
  date: ['date', '日期'],
  id: ['id', '编号'],
  page: ['page', '页', '页码'],
  // The deal a contract is drafted for, and the deal of a deal form.
  deal_id: ['deal_id', '商机编号'],
} as const;

export type SharedKeyName = keyof typeof SHARED_KEYS;
