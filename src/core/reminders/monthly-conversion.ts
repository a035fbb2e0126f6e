import { monthlyConversion } from '../performance/conversion.ts';
import { monthOfDate, nthWorkingDay, previousMonth } from '../performance/periods.ts';
import type { OutboxEntry } from '../notices.ts';
import type { CoreDeps } from '../ports.ts';
import { calendarWarning, jobWindow, type JobOutcome } from './job-window.ts';

/**
 * `monthly-conversion` (KPI-7): on the month's first working day (China
 * calendar, company zone), each regional manager gets the month before's
 * lead → signed conversion of their region, per person, with the quarter's
 * effective new clients against the team target and the pace still needed;
 * the department manager gets every region side by side. Other days:
 * nothing. A month's figures are a cohort fixed at its end (conversion.ts),
 * and the dedupe keys name the month, so a second run adds nothing.
 */
export async function monthlyConversionJob(deps: CoreDeps, at: Date): Promise<JobOutcome> {
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: 0, skipped: window.skipped };
  const month = monthOfDate(window.date);
  if (nthWorkingDay((d) => deps.calendar.isWorkingDay(d), month, 1) !== window.date) return { queued: 0, skipped: null };
  const reported = previousMonth(month);
  const result = await deps.store.transaction(async (tx) => {
    const regions = await monthlyConversion(deps, tx, reported);
    const entries: OutboxEntry[] = [];
    for (const rm of await tx.directory.withRole('regional_manager')) {
      const r = regions.find((x) => x.region === rm.region);
      if (!r) continue;
      entries.push({
        dedupeKey: `monthly_conversion:${rm.id}:${reported}`,
        personId: rm.id,
        notice: {
          kind: 'conversion_region',
          month: reported,
          quarter: r.quarter,
          region: r.region,
          people: r.people.map(({ name, leads, signed }) => ({ name, leads, signed })),
          leads: r.leads,
          signed: r.signed,
          newClients: r.newClients,
          newClientsTarget: r.newClientsTarget,
          monthsLeft: r.monthsLeft,
          neededPerMonth: r.neededPerMonth,
          ...calendarWarning(window),
        },
      });
    }
    const first = regions[0];
    if (first) {
      for (const dm of await tx.directory.withRole('department_manager')) {
        entries.push({
          dedupeKey: `monthly_conversion:${dm.id}:${reported}`,
          personId: dm.id,
          notice: {
            kind: 'conversion_all',
            month: reported,
            quarter: first.quarter,
            monthsLeft: first.monthsLeft,
            newClientsTarget: first.newClientsTarget,
            regions: regions.map(({ region, leads, signed, newClients, neededPerMonth }) => ({ region, leads, signed, newClients, neededPerMonth })),
            ...calendarWarning(window),
          },
        });
      }
    }
    return { ok: true as const, value: entries.length ? await tx.outbox.enqueueMany(entries, at) : 0 };
  });
  return { queued: result.ok ? result.value : 0, skipped: null };
}
