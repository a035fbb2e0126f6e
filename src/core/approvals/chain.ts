import type { Person, Role } from '../people.ts';
import type { Policy } from '../policy.ts';
import type { CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { isRoleStep, isSubordinate } from './eligibility.ts';
import type { ApprovalKind, ApprovalStep } from './types.ts';

/** The roles that must approve, in order (EXP-1 by amount; PROMO-1 the marketing reviewer; CON-2 legal). */
export function chainRoles(policy: Policy, kind: ApprovalKind, amountFen: number | null): Role[] {
  if (kind === 'promotion') return ['marketing_reviewer'];
  if (kind === 'contract') return ['legal'];
  const amount = amountFen ?? 0;
  return [
    'regional_manager',
    ...(amount > policy.expenses.regionalManagerUpToFen ? (['department_manager'] as const) : []),
    ...(amount > policy.expenses.departmentManagerUpToFen ? (['finance'] as const) : []),
  ];
}

type ChainStep = Pick<ApprovalStep, 'role' | 'approverId'>;

/**
 * Each step's approver from the org directory. The rules (EXP-1, README
 * "Approvals"):
 * - nobody holds a step of their own request, and no person holds two steps;
 * - a role step (finance, legal, marketing reviewer) is held by another active
 *   person of that role, subordinate or not; with none, the request is refused
 *   (no_approver): it never goes to someone outside the role;
 * - a manager step (regional, department manager) is never held by the
 *   requester or a subordinate of the requester. Its holder is the first who
 *   may: the role's own holder (the regional manager of the requester's region,
 *   the department manager), else the requester's manager (and up), else another
 *   person of that role, else the policy's `expenses.top_approver`; with none,
 *   refused (top_approver_needed). When the regional step falls to the person
 *   who also holds the department step (a regional manager's request goes to
 *   their manager, the department manager), they sign once, as department
 *   manager: the higher step covers the lower, and one person holds one step;
 * - a chain of only the requester's subordinates (a promotion or contract of
 *   the department manager) gets one more step, a department-manager step held
 *   by the requester's manager or the top approver; with none, refused.
 */
export async function resolveChain(tx: Tx, policy: Policy, requester: Person, kind: ApprovalKind, amountFen: number | null): Promise<CoreResult<ChainStep[]>> {
  const roles = chainRoles(policy, kind, amountFen);
  // Role steps first: they have no fallback, so the manager steps work around them.
  const roleHolders = new Map<number, Person>();
  const onRoleSteps = new Set<string>();
  for (const [i, role] of roles.entries()) {
    if (!isRoleStep(role)) continue;
    const holder = (await tx.directory.withRole(role)).find((p) => p.id !== requester.id && !onRoleSteps.has(p.id));
    if (!holder) return refuse('no_approver', { role });
    roleHolders.set(i, holder);
    onRoleSteps.add(holder.id);
  }
  const steps: ChainStep[] = [];
  for (const [i, role] of roles.entries()) {
    const roleHolder = roleHolders.get(i);
    if (roleHolder) {
      steps.push({ role, approverId: roleHolder.id });
      continue;
    }
    const holder = await managerStepHolder(tx, policy, requester, role, onRoleSteps);
    if (!holder) return refuse('top_approver_needed', { role });
    const earlier = steps.find((s) => s.approverId === holder.id);
    // Only an earlier manager step can hold them (role holders were left out): one signature, for the higher step.
    if (earlier) earlier.role = role;
    else steps.push({ role, approverId: holder.id });
  }
  if (await onlySubordinates(tx, requester, steps)) {
    const overseer = await independentHolder(tx, policy, requester, new Set(steps.map((s) => s.approverId)));
    if (!overseer) return refuse('top_approver_needed', { role: 'department_manager' });
    steps.push({ role: 'department_manager', approverId: overseer.id });
  }
  return ok(steps);
}

/** The first who may hold a manager step: the role's own holder, the requester's managers, others of the role, the top approver. */
async function managerStepHolder(tx: Tx, policy: Policy, requester: Person, role: Role, exclude: Set<string>): Promise<Person | null> {
  const candidates = [
    ...(await tx.directory.withRole(role, role === 'regional_manager' ? requester.region : undefined)),
    ...(await tx.directory.managerChain(requester.id)),
    ...(await tx.directory.withRole(role)),
    ...(await topApprover(tx, policy)),
  ];
  for (const person of candidates) {
    if (person.id === requester.id || exclude.has(person.id)) continue;
    if (!(await isSubordinate(tx, person.id, requester.id))) return person;
  }
  return null;
}

/** Someone above the requester, or the top approver, who is on no step yet. */
async function independentHolder(tx: Tx, policy: Policy, requester: Person, exclude: Set<string>): Promise<Person | null> {
  for (const person of [...(await tx.directory.managerChain(requester.id)), ...(await topApprover(tx, policy))]) {
    if (person.id === requester.id || exclude.has(person.id)) continue;
    if (!(await isSubordinate(tx, person.id, requester.id))) return person;
  }
  return null;
}

async function onlySubordinates(tx: Tx, requester: Person, steps: ChainStep[]): Promise<boolean> {
  for (const step of steps) if (!(await isSubordinate(tx, step.approverId, requester.id))) return false;
  return true;
}

/** The policy's top approver (`expenses.top_approver`), when set and active in the directory. */
export async function topApprover(tx: Tx, policy: Policy): Promise<Person[]> {
  const id = policy.expenses.topApprover;
  const person = id ? await tx.directory.personById(id) : null;
  return person ? [person] : [];
}
