import { isManagerRole, type Person, type Role } from '../people.ts';
import type { Policy } from '../policy.ts';
import type { Tx } from '../ports.ts';
import type { ApprovalStep } from './types.ts';

/**
 * Steps that exist because of a role (EXP-1 finance, CON-2 legal, PROMO-1 the
 * marketing reviewer): only a person of that role may hold or decide them,
 * whatever happens to the request (escalation, delegation, the top of the org).
 * Every other step is a manager step (regional or department manager).
 */
export const isRoleStep = (role: Role): boolean => role === 'finance' || role === 'legal' || role === 'marketing_reviewer';

/** Is `personId` below `requesterId` in the org (the requester is among their managers)? */
export async function isSubordinate(tx: Tx, personId: string, requesterId: string): Promise<boolean> {
  return (await tx.directory.managerChain(personId)).some((m) => m.id === requesterId);
}

/** Who else is on a request, apart from step `seq`: the approvers of its other live steps and whoever decided one. */
export function othersOnRequest(steps: readonly Pick<ApprovalStep, 'seq' | 'approverId' | 'status' | 'decidedBy'>[], seq: number): Set<string> {
  const others = new Set<string>();
  for (const s of steps) {
    if (s.seq === seq) continue;
    if (s.status !== 'cancelled') others.add(s.approverId);
    if (s.decidedBy) others.add(s.decidedBy);
  }
  return others;
}

/**
 * May `person` hold step `step` of a request? Never the requester, never
 * someone on another step of it (no person holds two steps); a role step only
 * a person of that role; a manager step never a subordinate of the requester.
 */
export async function mayHoldStep(
  tx: Tx,
  request: { requesterId: string; steps: readonly ApprovalStep[] },
  step: Pick<ApprovalStep, 'seq' | 'role'>,
  person: Person,
): Promise<boolean> {
  if (person.id === request.requesterId) return false;
  if (othersOnRequest(request.steps, step.seq).has(person.id)) return false;
  if (isRoleStep(step.role)) return person.role === step.role;
  return !(await isSubordinate(tx, person.id, request.requesterId));
}

/**
 * The roles whose steps a person approves, so whose delegate may stand in for
 * them: a manager (or the policy's top approver) approves manager steps, and
 * finance, legal and the marketing reviewer their own role's steps. Empty for
 * everyone else: they hold no steps, so there is nothing to delegate.
 */
export function approvesFor(policy: Policy, person: Person): Role[] {
  if (isRoleStep(person.role)) return [person.role];
  if (isManagerRole(person.role) || policy.expenses.topApprover === person.id) return ['regional_manager', 'department_manager'];
  return [];
}

/** May this person stand in, as a delegate, for someone who approves for these roles? */
export function mayStandInFor(person: Person, roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => (isRoleStep(role) ? person.role === role : isManagerRole(person.role)));
}

/** May this delegate decide this step: they can stand in for its role, and may hold it (mayHoldStep)? */
export async function mayDecideAsDelegate(tx: Tx, request: { requesterId: string; steps: readonly ApprovalStep[] }, step: ApprovalStep, delegate: Person): Promise<boolean> {
  return mayStandInFor(delegate, [step.role]) && (await mayHoldStep(tx, request, step, delegate));
}
