import { deciders } from '../approvals/notify.ts';
import { flagUnapprovedPromotions } from '../approvals/promotion-start.ts';
import { followUpStatus } from '../clients/follow-up.ts';
import { askForAccountManager } from '../clients/account-manager-request.ts';
import type { Person } from '../people.ts';
import type { CoreDeps } from '../ports.ts';
import { addDays, localDate } from '../time.ts';
import { calendarWarning, jobWindow, type JobOutcome } from './job-window.ts';

/**
 * `followups`: CLI-3 (a customer visited every month) and CLI-2 (A-class at
 * least twice a quarter). One digest per person for their clients due today
 * or overdue; each manager gets their direct reports' items overdue past the
 * grace period. CLI-2 again: each A-class client still without an account
 * manager asks its regional manager once more, once a day until one is
 * assigned; not muted (the assignment waits on them, as an approval does).
 */
export async function followupsJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const graceEnd = addDays(date, -deps.policy.reminders.managerGraceDays);
  const result = await deps.store.transaction(async (tx) => {
    const people: Person[] = [];
    for (const role of ['sales', 'promotion', 'account_manager', 'regional_manager', 'department_manager'] as const) people.push(...(await tx.directory.withRole(role)));
    const muted = await tx.availability.muted(people.map((p) => p.id));
    const away = await tx.availability.onLeave(people.map((p) => p.id), date);
    const team = new Map<string, { owner: string; company: string; due: string }[]>();
    let queued = 0;
    for (const person of people) {
      const items: { company: string; due: string | null; overdue: boolean; visits: string | null }[] = [];
      for (const company of await tx.companies.customersOf(person.id)) {
        const f = await followUpStatus(deps, tx, company, date);
        const behind = f.quarterVisits !== null && f.quarterVisits.count < f.quarterVisits.required;
        const due = f.nextVisitDue !== null && f.nextVisitDue <= date;
        if (!due && !behind) continue;
        items.push({ company: company.name, due: f.nextVisitDue, overdue: f.overdue, visits: f.quarterVisits ? `${f.quarterVisits.count}/${f.quarterVisits.required}` : null });
        if (f.nextVisitDue && f.nextVisitDue < graceEnd && person.managerId && company.ownerId === person.id) {
          team.set(person.managerId, [...(team.get(person.managerId) ?? []), { owner: person.name, company: company.name, due: f.nextVisitDue }]);
        }
      }
      if (!items.length || muted.has(person.id) || away.has(person.id)) continue;
      if (await tx.outbox.enqueue({ dedupeKey: `followups:${person.id}:${date}`, personId: person.id, notice: { kind: 'followups_digest', items, ...calendarWarning(window) } }, at)) queued++;
    }
    for (const [managerId, items] of team) {
      if (muted.has(managerId)) continue;
      if (await tx.outbox.enqueue({ dedupeKey: `followups_team:${managerId}:${date}`, personId: managerId, notice: { kind: 'followups_team', items, ...calendarWarning(window) } }, at)) queued++;
    }
    for (const company of await tx.companies.aClassWithoutAccountManager()) queued += await askForAccountManager(tx, company, date, at, true);
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/**
 * `approvals-waiting`: a digest to each approver of what waits on them, and to
 * a delegate of what they may decide in the approver's place (not muted:
 * approvals are not optional); and PROMO-1's flag of promotions whose start
 * date came while not approved.
 */
export async function approvalsWaitingJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const { date } = window;
  const result = await deps.store.transaction(async (tx) => {
    const byApprover = new Map<string, { id: number; subject: string; since: string }[]>();
    for (const request of await tx.approvals.pending()) {
      const step = request.steps[request.currentStep - 1];
      if (!step) continue;
      const since = localDate(step.pendingSince ?? request.createdAt, deps.timezone);
      for (const personId of await deciders(tx, request, step, date)) {
        byApprover.set(personId, [...(byApprover.get(personId) ?? []), { id: request.id, subject: request.subject, since }]);
      }
    }
    let queued = 0;
    for (const [approverId, items] of byApprover) {
      if (await tx.outbox.enqueue({ dedupeKey: `approvals_waiting:${approverId}:${date}`, personId: approverId, notice: { kind: 'approvals_waiting', items, ...calendarWarning(window) } }, at)) queued++;
    }
    queued += await flagUnapprovedPromotions(tx, date, at);
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}
