import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { localDate, type IsoDate } from '../time.ts';
import { resolveChain } from './chain.ts';
import { eventKey } from './event-key.ts';
import { notifyApprover } from './notify.ts';
import type { ApprovalKind, ApprovalRequest } from './types.ts';
import { withNames, type NamedApproval } from './names.ts';

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

/**
 * `/expense` (EXP-1) and `/promo` (PROMO-1): the request, its chain, and a card
 * to the first approver. An expense for an event is judged on the event's
 * running total (the same event by its key, by anyone, pending or approved,
 * this one included): the chain is the one the total needs and the benchmark
 * is the total's, so splitting an event changes nothing. Without an event, on
 * its own amount. A promotion cannot start before it is submitted. Answers
 * the request with the names on it.
 */
export async function submitApproval(deps: CoreDeps, actor: Actor, cmd: SubmitApprovalCommand): Promise<CoreResult<NamedApproval>> {
  // SEC-2 and the policy's roles: partners work on shared campaigns only; they ask for nothing here.
  if (actor.person.role === 'partner') return refuse('not_allowed', { role: actor.person.role });
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  // PROMO-1: a start date already past could only start unapproved.
  if (cmd.kind === 'promotion' && cmd.onDate !== null && cmd.onDate < today) return refuse('promo_start_past', { start: cmd.onDate, today });
  return deps.store.transaction(async (tx) => {
    const key = cmd.kind === 'expense' && cmd.event ? eventKey(cmd.event) : null;
    let judgedFen = cmd.amountFen;
    let eventTotalFen: number | null = null;
    if (key) {
      // One request for an event at a time, so two racing halves of one event still see each other.
      await tx.approvals.holdEvent(key);
      eventTotalFen = (await tx.approvals.eventTotal(key)) + (cmd.amountFen ?? 0);
      judgedFen = eventTotalFen;
    }
    const chain = await resolveChain(tx, deps.policy, actor.person, cmd.kind, judgedFen);
    if (!chain.ok) return chain;
    const benchmarkFen = deps.policy.expenses.eventBenchmarkFen;
    const request = await tx.approvals.create({
      kind: cmd.kind,
      requesterId: actor.person.id,
      subject: cmd.subject,
      amountFen: cmd.amountFen,
      event: cmd.event,
      eventKey: key,
      eventTotalFen,
      product: cmd.product,
      onDate: cmd.onDate,
      // EXP-1: the benchmark cost of an event; a request above it (its event's total above it) is marked so on the card.
      overBenchmark: cmd.kind === 'expense' && (judgedFen ?? 0) > benchmarkFen,
      createdAt: now,
      steps: chain.value,
    });
    await notifyApprover(tx, request, actor.person.name, now, today, undefined, benchmarkFen);
    await audit(tx, actor, now, 'approval.submit', request, eventTotalFen !== null ? { eventTotalFen: String(eventTotalFen) } : {});
    return ok(await withNames(tx, request));
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
