import type { CoreDeps } from '../ports.ts';
import { addDays, daysBetween } from '../time.ts';
import { orgChart } from '../performance/team.ts';
import { calendarWarning, companySkip, duePeople, personWindow, type JobOutcome } from './job-window.ts';

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
 * first), at the policy's time in the reader's own zone (personWindow), the
 * days counted to the reader's day. Keys per person and day: a second run
 * that day sends nothing.
 */
export async function paymentsDueJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const time = deps.policy.reminders.paymentsDue;
  const result = await deps.store.transaction(async (tx) => {
    const chart = await orgChart(tx);
    const windowOf = new Map(duePeople(deps, at, [...chart.byId.values()], time).map(({ person, window }) => [person.id, window]));
    const company = personWindow(deps, at, {}, time);
    // An owner no longer among the active people is reached in the company's zone, as before.
    const windowFor = (personId: string) => windowOf.get(personId) ?? (chart.byId.has(personId) || 'skipped' in company ? undefined : company);
    const finance = await tx.directory.withRole('finance');
    let queued = 0;
    for (const date of new Set([...windowOf.values()].map((w) => w.date).concat('skipped' in company ? [] : [company.date]))) {
      const open = await tx.payments.openReceivablesDueBy(addDays(date, deps.policy.reminders.paymentsDueWithinDays));
      const items = open
        .map((r) => ({
          ownerId: r.ownerId,
          item: { contractId: r.contractId, company: r.companyName, outstandingFen: r.amountFen - r.receivedFen, due: r.dueDate, overdueDays: Math.max(0, daysBetween(r.dueDate, date)) },
        }))
        .sort((a, b) => b.item.overdueDays - a.item.overdueDays || a.item.due.localeCompare(b.item.due) || a.item.contractId - b.item.contractId);
      if (!items.length) continue;
      const byOwner = new Map<string, PaymentDueItem[]>();
      for (const { ownerId, item } of items) byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), item]);
      for (const [ownerId, list] of byOwner) {
        const window = windowFor(ownerId);
        if (!window || window.date !== date) continue;
        if (await tx.outbox.enqueue({ dedupeKey: `payments_due:${ownerId}:${date}`, personId: ownerId, notice: { kind: 'payments_due', scope: 'mine', items: list, ...calendarWarning(window) } }, at)) queued++;
      }
      for (const person of finance) {
        const window = windowFor(person.id);
        if (!window || window.date !== date) continue;
        const all = items.map((i) => i.item);
        if (await tx.outbox.enqueue({ dedupeKey: `payments_due_finance:${person.id}:${date}`, personId: person.id, notice: { kind: 'payments_due', scope: 'all', items: all, ...calendarWarning(window) } }, at)) queued++;
      }
    }
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: companySkip(deps, at, time) };
}
