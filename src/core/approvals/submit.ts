import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate, type IsoDate } from '../time.ts';
import { resolveChain } from './chain.ts';
import { notifyApprover } from './notify.ts';
import type { ApprovalKind, ApprovalRequest } from './types.ts';

export interface SubmitApprovalCommand {
  kind: Exclude<ApprovalKind, 'contract'>;
  /** The expense's purpose or the promotion's name. */
  subject: string;
  /** The expense amount, or the promotion's budget, in fen. */
  amountFen: number | null;
  event: string | null;
  product: string | null;
  onDate: IsoDate | null;
}

/** `/expense` (EXP-1) and `/promo` (PROMO-1): the request, its chain, and a card to the first approver. */
export async function submitApproval(deps: CoreDeps, actor: Actor, cmd: SubmitApprovalCommand): Promise<CoreResult<ApprovalRequest>> {
  // SEC-2 and the policy's roles: partners work on shared campaigns only; they ask for nothing here.
  if (actor.person.role === 'partner') return refuse('not_allowed', { role: actor.person.role });
  return deps.store.transaction(async (tx) => {
    const chain = await resolveChain(tx, deps.policy, actor.person, cmd.kind, cmd.amountFen);
    if (!chain.ok) return chain;
    const now = deps.clock.now();
    const request = await tx.approvals.create({
      kind: cmd.kind,
      requesterId: actor.person.id,
      subject: cmd.subject,
      amountFen: cmd.amountFen,
      event: cmd.event,
      product: cmd.product,
      onDate: cmd.onDate,
      // EXP-1: the benchmark cost of an event; a request above it is marked so on the card.
      overBenchmark: cmd.kind === 'expense' && (cmd.amountFen ?? 0) > deps.policy.expenses.eventBenchmark * 100,
      createdAt: now,
      steps: chain.value,
    });
    await notifyApprover(tx, request, actor.person.name, now, localDate(now, deps.timezone));
    await audit(tx, actor, now, 'approval.submit', request);
    return ok(request);
  });
}

export function audit(tx: Tx, actor: Actor, at: Date, action: string, request: ApprovalRequest, details: Record<string, string> = {}) {
  return tx.audit.record({
    at,
    actorId: actor.person.id,
    action,
    subjectType: 'approval',
    subjectId: String(request.id),
    platform: actor.platform,
    details: { kind: request.kind, ...details },
  });
}

export const refuseNotFound = (id: number) => refuse('approval_not_found', { id });
