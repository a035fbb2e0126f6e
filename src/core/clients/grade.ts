import type { Grade } from './types.ts';
import type { Policy } from '../policy.ts';

/** CLI-1: the grade an annual purchase amount (in fen) earns. */
export function gradeForPurchase(policy: Policy, annualPurchaseFen: number): Grade {
  if (annualPurchaseFen > policy.clients.gradeAAbove * 100) return 'A';
  if (annualPurchaseFen > policy.clients.gradeBAbove * 100) return 'B';
  return 'C';
}

export const GRADES: readonly Grade[] = ['A', 'B', 'C'];
