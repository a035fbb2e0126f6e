import type { Grade } from './types.ts';
import type { Policy } from '../policy.ts';

/** CLI-1: the grade an annual purchase amount (in fen) earns. */
export function gradeForPurchase(policy: Policy, annualPurchaseFen: number): Grade {
  if (annualPurchaseFen > policy.clients.gradeAAboveFen) return 'A';
  if (annualPurchaseFen > policy.clients.gradeBAboveFen) return 'B';
  return 'C';
}

export const GRADES: readonly Grade[] = ['A', 'B', 'C'];
