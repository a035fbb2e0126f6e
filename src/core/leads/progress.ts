import type { CoreDeps, Repositories } from '../ports.ts';
import { hasLeadTarget, type Person } from '../people.ts';
import { localDate, type IsoDate } from '../time.ts';

/** LEAD-1: where a person stands against today's target. */
export interface DailyProgress {
  date: IsoDate;
  count: number;
  /** 0 when the person has no target today (not a working day, on leave, or no target for the role). */
  target: number;
  workingDay: boolean;
  onLeave: boolean;
  /** False in a year the China calendar does not know: `workingDay` is then the fallback (weekdays on), and the reply says so. */
  calendarKnown: boolean;
}

export function today(deps: Pick<CoreDeps, 'clock' | 'timezone'>): IsoDate {
  return localDate(deps.clock.now(), deps.timezone);
}

export async function dailyProgress(deps: CoreDeps, tx: Repositories, person: Person, date: IsoDate): Promise<DailyProgress> {
  const onLeave = (await tx.availability.onLeave([person.id], date)).has(person.id);
  return progressOf(deps, person, date, await tx.leads.countBy(person.id, date, date), onLeave);
}

/** The target of a day for a person, with the count of their leads that day. */
export function progressOf(deps: Pick<CoreDeps, 'calendar' | 'policy'>, person: Person, date: IsoDate, count: number, onLeave: boolean): DailyProgress {
  const workingDay = deps.calendar.isWorkingDay(date);
  const target = workingDay && !onLeave && hasLeadTarget(person.role) ? deps.policy.leads.dailyTarget : 0;
  return { date, count, target, workingDay, onLeave, calendarKnown: deps.calendar.isKnown(date) };
}
