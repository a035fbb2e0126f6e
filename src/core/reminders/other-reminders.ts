import { deciders } from '../approvals/notify.ts';
import { flagUnapprovedPromotions } from '../approvals/promotion-start.ts';
import { followUpStatus } from '../clients/follow-up.ts';
import { askForAccountManager } from '../clients/account-manager-request.ts';
import type { Person } from '../people.ts';
import type { CoreDeps } from '../ports.ts';
import { addDays, localDate } from '../time.ts';
import { orgChart } from '../performance/team.ts';
import { calendarWarning, companySkip, duePeople, personWindow, type JobOutcome } from './job-window.ts';

/**
 * `followups`: CLI-3 (a customer visited every month) and CLI-2 (A-class at
 * least twice a quarter). One digest per person for their clients due or
 * overdue on their day; each manager gets their direct reports' items
 * overdue past the grace period. Each at the policy's time in their own zone
 * (personWindow), so a client's due date is judged on the reader's day.
 * CLI-2 again: each A-class client still without an account manager asks its
 * regional manager once more, at that time in the company's zone, once a day
 * until one is assigned; not muted (the assignment waits on them, as an
 * approval does).
 */
export async function followupsJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const time = deps.policy.reminders.followups;
  const result = await deps.store.transaction(async (tx) => {
    const people: Person[] = [];
    for (const role of ['sales', 'promotion', 'account_manager', 'regional_manager', 'department_manager'] as const) people.push(...(await tx.directory.withRole(role)));
    const windowOf = new Map(duePeople(deps, at, people, time).map(({ person, window }) => [person.id, window]));
    const muted = await tx.availability.muted(people.map((p) => p.id));
    const awayOn = new Map<string, Set<string>>();
    for (const date of new Set([...windowOf.values()].map((w) => w.date))) awayOn.set(date, await tx.availability.onLeave(people.map((p) => p.id), date));
    const team = new Map<string, { owner: string; company: string; due: string }[]>();
    let queued = 0;
    for (const person of people) {
      const own = windowOf.get(person.id);
      const managerWindow = person.managerId ? windowOf.get(person.managerId) : undefined;
      if (!own && !managerWindow) continue;
      const items: { company: string; due: string | null; overdue: boolean; visits: string | null }[] = [];
      for (const company of await tx.companies.customersOf(person.id)) {
        if (own) {
          const f = await followUpStatus(deps, tx, company, own.date);
          const behind = f.quarterVisits !== null && f.quarterVisits.count < f.quarterVisits.required;
          const due = f.nextVisitDue !== null && f.nextVisitDue <= own.date;
          if (due || behind) items.push({ company: company.name, due: f.nextVisitDue, overdue: f.overdue, visits: f.quarterVisits ? `${f.quarterVisits.count}/${f.quarterVisits.required}` : null });
        }
        if (managerWindow && person.managerId && company.ownerId === person.id) {
          const f = await followUpStatus(deps, tx, company, managerWindow.date);
          const graceEnd = addDays(managerWindow.date, -deps.policy.reminders.managerGraceDays);
          if (f.nextVisitDue && f.nextVisitDue < graceEnd) team.set(person.managerId, [...(team.get(person.managerId) ?? []), { owner: person.name, company: company.name, due: f.nextVisitDue }]);
        }
      }
      if (!own || !items.length || muted.has(person.id) || awayOn.get(own.date)?.has(person.id)) continue;
      if (await tx.outbox.enqueue({ dedupeKey: `followups:${person.id}:${own.date}`, personId: person.id, notice: { kind: 'followups_digest', items, ...calendarWarning(own) } }, at)) queued++;
    }
    for (const [managerId, items] of team) {
      const window = windowOf.get(managerId);
      if (!window || muted.has(managerId)) continue;
      if (await tx.outbox.enqueue({ dedupeKey: `followups_team:${managerId}:${window.date}`, personId: managerId, notice: { kind: 'followups_team', items, ...calendarWarning(window) } }, at)) queued++;
    }
    const company = personWindow(deps, at, {}, time);
    if (!('skipped' in company)) {
      for (const client of await tx.companies.aClassWithoutAccountManager()) queued += await askForAccountManager(tx, client, company.date, at, true);
    }
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: companySkip(deps, at, time) };
}

/**
 * `approvals-waiting`: a digest to each approver of what waits on them, and to
 * a delegate of what they may decide in the approver's place (not muted:
 * approvals are not optional), at the policy's time in the approver's own
 * zone (personWindow); and, at that time in the company's zone, PROMO-1's flag
 * of promotions whose start date came while not approved.
 */
export async function approvalsWaitingJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const time = deps.policy.reminders.approvalsWaiting;
  const result = await deps.store.transaction(async (tx) => {
    const chart = await orgChart(tx);
    const windowOf = new Map(duePeople(deps, at, [...chart.byId.values()], time).map(({ person, window }) => [person.id, window]));
    const pending = await tx.approvals.pending();
    const company = personWindow(deps, at, {}, time);
    let queued = 0;
    // Who decides a step depends on the day (delegations), so each approver's digest is worked out for their own day.
    const dates = new Set([...windowOf.values()].map((w) => w.date));
    if (!('skipped' in company)) dates.add(company.date);
    for (const date of dates) {
      const byApprover = new Map<string, { id: number; subject: string; since: string }[]>();
      for (const request of pending) {
        const step = request.steps[request.currentStep - 1];
        if (!step) continue;
        const since = localDate(step.pendingSince ?? request.createdAt, deps.timezone);
        for (const personId of await deciders(tx, request, step, date)) {
          byApprover.set(personId, [...(byApprover.get(personId) ?? []), { id: request.id, subject: request.subject, since }]);
        }
      }
      for (const [approverId, items] of byApprover) {
        // Someone not in the directory's active people (an approver since left) is reached in the company's zone, as before.
        const window = windowOf.get(approverId) ?? (chart.byId.has(approverId) || 'skipped' in company ? undefined : company);
        if (!window || window.date !== date) continue;
        if (await tx.outbox.enqueue({ dedupeKey: `approvals_waiting:${approverId}:${date}`, personId: approverId, notice: { kind: 'approvals_waiting', items, ...calendarWarning(window) } }, at)) queued++;
      }
    }
    if (!('skipped' in company)) queued += await flagUnapprovedPromotions(tx, company.date, at);
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: companySkip(deps, at, time) };
}
