import type { Actor, CoreDeps, CoreResult, Repositories } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import { addDays, localDate } from '../time.ts';
import { instants, monthOfDate, monthRange, previousMonth } from './periods.ts';
import type { Month } from './types.ts';

export interface MonthFigures {
  month: Month;
  /** receivedByOwnerFen: of receivedFen, what the person recorded on their own contracts, which finance's check verifies before locking. */
  rows: { personId: string; name: string; salesFen: number; contracts: number; receivedFen: number; receivedByOwnerFen: number }[];
  salesFen: number;
  contracts: number;
  receivedFen: number;
  lock: { by: string; at: Date } | null;
  /** Past or current and not locked yet. */
  lockable: boolean;
}

/**
 * A month's figures for finance's check (KPI-3): per contract owner the sales
 * signed in the month (company time zone) and the payments dated in it, and
 * whether the month is locked.
 */
export async function monthFigures(deps: CoreDeps, tx: Repositories, month: Month): Promise<MonthFigures> {
  const range = monthRange(month);
  const bounds = instants(range, deps.timezone);
  const signed = await tx.performance.signedBetween(bounds.from, bounds.to);
  const paid = await tx.performance.paymentsBetween(range.from, range.to);
  const byOwner = new Map<string, { salesFen: number; contracts: number; receivedFen: number; receivedByOwnerFen: number }>();
  const row = (id: string) => byOwner.get(id) ?? byOwner.set(id, { salesFen: 0, contracts: 0, receivedFen: 0, receivedByOwnerFen: 0 }).get(id)!;
  for (const c of signed) {
    row(c.ownerId).salesFen += c.amountFen;
    row(c.ownerId).contracts += 1;
  }
  for (const p of paid) {
    row(p.ownerId).receivedFen += p.amountFen;
    if (p.byOwner) row(p.ownerId).receivedByOwnerFen += p.amountFen;
  }
  const rows: MonthFigures['rows'] = [];
  for (const [personId, r] of [...byOwner].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ personId, name: (await tx.directory.personById(personId))?.name ?? personId, ...r });
  }
  const lock = await tx.performance.lockOf(month);
  const current = monthOfDate(localDate(deps.clock.now(), deps.timezone));
  return {
    month,
    rows,
    salesFen: rows.reduce((s, r) => s + r.salesFen, 0),
    contracts: rows.reduce((s, r) => s + r.contracts, 0),
    receivedFen: rows.reduce((s, r) => s + r.receivedFen, 0),
    lock: lock ? { by: (await tx.directory.personById(lock.lockedBy))?.name ?? lock.lockedBy, at: lock.lockedAt } : null,
    lockable: !lock && month < current,
  };
}

const mayCheck = (role: string) => role === 'finance' || role === 'department_manager';

/** `/finance [check <month>]`: finance (and the department manager) see a month; by default the last one, the one to check. */
export async function checkMonth(deps: CoreDeps, actor: Actor, month: Month | null): Promise<CoreResult<MonthFigures>> {
  if (!mayCheck(actor.person.role)) return refuse('not_allowed', { role: actor.person.role });
  const shown = month ?? previousMonth(monthOfDate(localDate(deps.clock.now(), deps.timezone)));
  return deps.store.direct(async (tx) => ok(await monthFigures(deps, tx, shown)));
}

/**
 * `/finance lock <month>` (KPI-3): only finance locks a month, once, and only
 * one that has ended. Payments dated in a locked month are refused by
 * the payment command; the review then counts checked figures.
 */
export async function lockMonth(deps: CoreDeps, actor: Actor, month: Month): Promise<CoreResult<MonthFigures>> {
  const now = deps.clock.now();
  if (actor.person.role !== 'finance') return refuse('not_allowed', { role: actor.person.role });
  const today = localDate(now, deps.timezone);
  if (month > monthOfDate(today)) return refuse('month_in_future', { month });
  // Only a month that is over: payments for the rest of the current month must still be recordable.
  if (month === monthOfDate(today)) return refuse('month_not_ended', { month, from: addDays(monthRange(month).to, 1) });
  return deps.store.transaction(async (tx) => {
    // The month's hold that recording a payment takes too: no payment lands in it while it is being locked.
    await tx.payments.holdMonth(month);
    if (!(await tx.performance.lock({ month, lockedBy: actor.person.id, lockedAt: now }))) {
      const lock = await tx.performance.lockOf(month);
      const by = lock ? ((await tx.directory.personById(lock.lockedBy))?.name ?? lock.lockedBy) : '';
      return refuse('month_already_locked', { month, by, at: lock ? localDate(lock.lockedAt, deps.timezone) : '' });
    }
    await tx.audit.record({ at: now, actorId: actor.person.id, action: 'finance.lock', subjectType: 'month', subjectId: month, platform: actor.platform });
    return ok(await monthFigures(deps, tx, month));
  });
}
