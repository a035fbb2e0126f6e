import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only the performance commands use (KPI-1..7), with their English and Chinese spellings. */
export const PERFORMANCE_KEYS = {
  quarter: ['quarter', '季度'],
  month: ['month', '月份'],
  sales: ['sales', '销售额', '销售目标'],
  clients: ['clients', '新客户', '新客户数'],
  text: ['text', '内容'],
} as const;

export type PerformanceKey = SharedKeyName | keyof typeof PERFORMANCE_KEYS;
