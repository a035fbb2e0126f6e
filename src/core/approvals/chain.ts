import type { Person, Role } from '../people.ts';
import type { Policy } from '../policy.ts';
import type { CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import type { ApprovalKind, ApprovalStep } from './types.ts';

/** The roles that must approve, in order (EXP-1 by amount; PROMO-1 the marketing reviewer; CON-2 legal). */
export function chainRoles(policy: Policy, kind: ApprovalKind, amountFen: number | null): Role[] {
  if (kind === 'promotion') return ['marketing_reviewer'];
  if (kind === 'contract') return ['legal'];
  const amount = amountFen ?? 0;
  return [
    'regional_manager',
    ...(amount > policy.expenses.regionalManagerUpTo * 100 ? (['department_manager'] as const) : []),
    ...(amount > policy.expenses.departmentManagerUpTo * 100 ? (['finance'] as const) : []),
  ];
}

/**
 * Each role's approver from the org directory: the regional manager of the
 * requester's region, the department manager, finance, the reviewer. Nobody
 * approves their own request: a manager's step goes to their own manager. The
 * same person twice in a row approves once.
 */
export async function resolveChain(tx: Tx, policy: Policy, requester: Person, kind: ApprovalKind, amountFen: number | null): Promise<CoreResult<Pick<ApprovalStep, 'role' | 'approverId'>[]>> {
  const steps: Pick<ApprovalStep, 'role' | 'approverId'>[] = [];
  for (const role of chainRoles(policy, kind, amountFen)) {
    const candidates = await tx.directory.withRole(role, role === 'regional_manager' ? requester.region : undefined);
    let approver = candidates.find((p) => p.id !== requester.id) ?? candidates[0];
    if (approver?.id === requester.id) approver = (await tx.directory.managerChain(requester.id))[0];
    if (!approver) return refuse('no_approver', { role });
    if (steps.at(-1)?.approverId !== approver.id) steps.push({ role, approverId: approver.id });
  }
  return ok(steps);
}
