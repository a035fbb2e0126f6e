import { SHARED_KEYS, type SharedKeyName } from '../../grammar/keys.ts';

/** The keys only deals use (PIPE-2's questions, PIPE-3's proposal parts), with their English and Chinese spellings. */
export const DEAL_KEYS = {
  q1: ['q1', '问题1'],
  q2: ['q2', '问题2'],
  q3: ['q3', '问题3'],
  q4: ['q4', '问题4'],
  q5: ['q5', '问题5'],
  q6: ['q6', '问题6'],
  q7: ['q7', '问题7'],
  q8: ['q8', '问题8'],
  q9: ['q9', '问题9'],
  q10: ['q10', '问题10'],
  products: ['products', '产品组合'],
  pricing: ['pricing', '价格策略'],
  service: ['service', '服务承诺'],
} as const;

export type DealKey = SharedKeyName | keyof typeof DEAL_KEYS;

/** Every key a deal command may name, shared ones too, for a refusal that lists them. */
export const DEAL_SPELLINGS: Record<DealKey, readonly string[]> = { ...SHARED_KEYS, ...DEAL_KEYS };
