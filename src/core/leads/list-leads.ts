import { dailyProgress, today, type DailyProgress } from './progress.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import type { LeadSummary } from './types.ts';
import { ok } from '../result.ts';
import { weekOf, type IsoDate } from '../time.ts';

export type LeadPeriod = 'today' | 'week';

export interface LeadList {
  period: LeadPeriod;
  from: IsoDate;
  to: IsoDate;
  today: DailyProgress;
  leads: LeadSummary[];
}

/** `/leads today|week`: my progress against the target and the leads behind it. */
export async function listLeads(deps: CoreDeps, actor: Actor, period: LeadPeriod): Promise<CoreResult<LeadList>> {
  return deps.store.transaction(async (tx) => {
    const date = today(deps);
    const range = period === 'today' ? { from: date, to: date } : weekOf(date);
    const leads = await tx.leads.listBy(actor.person.id, range.from, range.to);
    const progress = await dailyProgress(deps, tx, actor.person, date);
    return ok({ period, ...range, today: progress, leads });
  });
}
