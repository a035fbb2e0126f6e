import type { CalendarCoverage, CoreDeps } from '../ports.ts';
import { localDate } from '../time.ts';

/**
 * The years a working day may fall in soon: this year and, from 1 November
 * (the State Council publishes next year's holidays in November or so), the
 * next. Those of them the China calendar does not know.
 */
export function calendarGaps(deps: Pick<CoreDeps, 'calendar' | 'clock' | 'timezone'>): CalendarCoverage {
  const today = localDate(deps.clock.now(), deps.timezone);
  const year = Number(today.slice(0, 4));
  const lastYear = today.slice(5) >= '11-01' ? year + 1 : year;
  return deps.calendar.coverage(year, lastYear);
}

/**
 * Tells every admin, once per set of unknown years, that those years run on
 * the fallback (weekends off, weekdays on) until the policy file gives their
 * holidays. Answers how many notices were queued.
 */
export async function tellAdminsOfCalendarGaps(deps: CoreDeps, gaps: CalendarCoverage): Promise<number> {
  if (gaps.unknownYears.length === 0) return 0;
  const years = gaps.unknownYears.join(', ');
  const result = await deps.store.transaction(async (tx) => {
    const admins = await tx.directory.withRole('admin');
    const queued = await tx.outbox.enqueueMany(
      admins.map((admin) => ({
        dedupeKey: `calendar_unknown:${years}:to:${admin.id}`,
        personId: admin.id,
        notice: { kind: 'calendar_unknown' as const, years, knownThrough: String(gaps.knownThrough ?? '-') },
      })),
      deps.clock.now(),
    );
    return { ok: true as const, value: queued };
  });
  return result.ok ? result.value : 0;
}
