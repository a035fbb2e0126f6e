import type { CoreDeps } from '../ports.ts';
import { addDays, daysBetween } from '../time.ts';
import { calendarWarning, jobWindow, type JobOutcome } from './job-window.ts';

export interface PaymentDueItem {
  contractId: number;
  company: string;
  outstandingFen: number;
  due: string;
  /** Days past the due date; 0 when due today or still ahead. */
  overdueDays: number;
}

/**
 * `payments-due` (CON-1 term, CON-3): signed contracts not paid in full whose
 * due date is within the policy's days (3) or past. One digest to each owner
 * of theirs and one to each finance person of all, overdue first (most days
 * first). Keys per person and day: a second run that day sends nothing.
 */
export async function paymentsDueJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const result = await deps.store.transaction(async (tx) => {
    const open = await tx.payments.openReceivablesDueBy(addDays(date, deps.policy.reminders.paymentsDueWithinDays));
    const items = open
      .map((r) => ({
        ownerId: r.ownerId,
        item: { contractId: r.contractId, company: r.companyName, outstandingFen: r.amountFen - r.receivedFen, due: r.dueDate, overdueDays: Math.max(0, daysBetween(r.dueDate, date)) },
      }))
      .sort((a, b) => b.item.overdueDays - a.item.overdueDays || a.item.due.localeCompare(b.item.due) || a.item.contractId - b.item.contractId);
    if (!items.length) return { ok: true as const, value: 0 };
    const byOwner = new Map<string, PaymentDueItem[]>();
    for (const { ownerId, item } of items) byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), item]);
    let queued = 0;
    for (const [ownerId, list] of byOwner) {
      if (await tx.outbox.enqueue({ dedupeKey: `payments_due:${ownerId}:${date}`, personId: ownerId, notice: { kind: 'payments_due', scope: 'mine', items: list, ...calendarWarning(window) } }, at)) queued++;
    }
    for (const finance of await tx.directory.withRole('finance')) {
      const all = items.map((i) => i.item);
      if (await tx.outbox.enqueue({ dedupeKey: `payments_due_finance:${finance.id}:${date}`, personId: finance.id, notice: { kind: 'payments_due', scope: 'all', items: all, ...calendarWarning(window) } }, at)) queued++;
    }
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}
