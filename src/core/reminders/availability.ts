import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import type { IsoDate } from '../time.ts';

/** `/leave <from> <to>`: no lead target and no lead reminders on those days. */
export async function recordLeave(deps: CoreDeps, actor: Actor, leave: { from: IsoDate; to: IsoDate }): Promise<CoreResult<{ from: IsoDate; to: IsoDate }>> {
  if (leave.to < leave.from) return refuse('leave_order', leave);
  return deps.store.transaction(async (tx) => {
    await tx.availability.addLeave(actor.person.id, leave.from, leave.to, deps.clock.now());
    return ok(leave);
  });
}

/** `/remind on|off`: mutes the optional reminders; approvals always come. */
export async function setReminders(deps: CoreDeps, actor: Actor, on: boolean): Promise<CoreResult<boolean>> {
  return deps.store.transaction(async (tx) => {
    await tx.availability.setMuted(actor.person.id, !on, deps.clock.now());
    return ok(on);
  });
}
