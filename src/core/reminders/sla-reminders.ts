import type { OutboxEntry } from '../notices.ts';
import type { CoreDeps } from '../ports.ts';
import { HOUR_MS, localDateTime } from '../time.ts';
import { assignees } from '../tickets/assignees.ts';
import { jobWindow, type JobOutcome } from './job-window.ts';


/**
 * `sla` (CLI-4), run hourly: open tickets still without a first response.
 * Within `ticketWarnHours` of the deadline the owner (and account manager)
 * are warned; past it, the owner and the owner's manager are told how many
 * hours it is overdue. Each stage is said once per ticket and person (the
 * dedupe keys `sla:<id>:warn:to:<person>`, `sla:<id>:overdue:to:<person>`),
 * so a second run, or a second bot, adds nothing; once a ticket's overdue
 * notices are queued it is marked and never read again. Not muted by /remind off:
 * the response time is a rule, not an optional reminder. The 48 hours are
 * clock hours that run over weekends and holidays, so the job speaks every
 * day, days off included; only quiet hours wait: a stage due at night is
 * sent at the first run after quietBefore (a ticket already overdue by then
 * gets the overdue notice only).
 */
export async function slaJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at, { everyDay: true });
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const horizon = new Date(at.getTime() + deps.policy.reminders.ticketWarnHours * HOUR_MS);
  const result = await deps.store.transaction(async (tx) => {
    const entries: OutboxEntry[] = [];
    const told: number[] = [];
    for (const ticket of await tx.tickets.awaitingFirstResponse(horizon)) {
      const about = { ticketId: ticket.id, company: ticket.companyName, problem: ticket.problem, respondBy: localDateTime(ticket.respondBy, deps.timezone) };
      const late = at.getTime() - ticket.respondBy.getTime();
      if (late > 0) {
        const owner = await tx.directory.personById(ticket.ownerId);
        const [manager] = await tx.directory.managerChain(ticket.ownerId);
        const people = [...new Set([...assignees(ticket), ...(manager ? [manager.id] : [])])];
        const notice = { kind: 'ticket_sla_overdue' as const, ...about, hoursOverdue: wholeHoursLate(late), owner: owner?.name ?? ticket.ownerId };
        for (const personId of people) entries.push({ dedupeKey: `sla:${ticket.id}:overdue:to:${personId}`, personId, notice });
        told.push(ticket.id);
      } else {
        const notice = { kind: 'ticket_sla_warning' as const, ...about, hoursLeft: Math.ceil(-late / HOUR_MS) };
        for (const personId of assignees(ticket)) entries.push({ dedupeKey: `sla:${ticket.id}:warn:to:${personId}`, personId, notice });
      }
    }
    const queued = entries.length ? await tx.outbox.enqueueMany(entries, at) : 0;
    // Its overdue notice is queued for everyone (in this transaction): the ticket is not read again, however long it waits.
    await tx.tickets.markOverdueNotified(told, at);
    return { ok: true as const, value: queued };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}

/** Whole hours past the deadline, at least 1: 1 h 05 min late reads "1 hour overdue", 20 minutes late too. */
const wholeHoursLate = (lateMs: number): number => Math.max(1, Math.floor(lateMs / HOUR_MS));
