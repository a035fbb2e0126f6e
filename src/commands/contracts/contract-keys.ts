import type { SharedKeyName } from '../../grammar/keys.ts';

/** The keys only contracts and payments use (CON-1..3), with their English and Chinese spellings. */
export const CONTRACT_KEYS = {
  delivery: ['delivery', '交付', '交付时间', '交付日期'],
  term: ['term', '账期'],
  penalty: ['penalty', '违约金', '违约赔付比例'],
  sign: ['sign', '签署', '签署方式'],
  contract_id: ['contract_id', '合同编号'],
  // PIPE-4: where a signed contract's signature is found (e-sign reference, paper contract number).
  sign_ref: ['ref', '签署编号', '合同号'],
} as const;

export type ContractKey = SharedKeyName | keyof typeof CONTRACT_KEYS;
