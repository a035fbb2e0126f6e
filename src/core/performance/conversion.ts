import type { Person } from '../people.ts';
import type { CoreDeps, Repositories } from '../ports.ts';
import { isReviewed } from './figures.ts';
import { instants, monthRange, monthsOf, quarterOfDate, quarterRange } from './periods.ts';
import { orgChart } from './team.ts';
import type { Month, Quarter } from './types.ts';

/**
 * KPI-7's monthly figures for one region: the month's lead → signed
 * conversion, per person and for the region, and the quarter's effective new
 * clients so far against the team target, with the pace still needed.
 *
 * Conversion of a month (a cohort, so a month's figure never changes later):
 * of the companies a person reported as leads with a work date in the month,
 * those that had a contract signed (status signed, any owner) before the end
 * of the month, company time zone. The region's figure counts each company once.
 *
 * Effective new clients: contracts marked new_client signed from the
 * quarter's first day to the end of the month, counted for the region of
 * their owner (as a person's KPI-1 new clients are).
 */
export interface PersonConversion {
  personId: string;
  name: string;
  leads: number;
  signed: number;
}

export interface RegionConversion {
  region: string;
  month: Month;
  quarter: Quarter;
  people: PersonConversion[];
  leads: number;
  signed: number;
  newClients: number;
  newClientsTarget: number;
  /** Months of the quarter after `month` (0 when it was the quarter's last). */
  monthsLeft: number;
  /** New clients a month still needed to reach the target in the months left; 0 when reached, null when the quarter is over. */
  neededPerMonth: number | null;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every active region's figures for `month`, in region order. */
export async function monthlyConversion(deps: CoreDeps, tx: Repositories, month: Month): Promise<RegionConversion[]> {
  const range = monthRange(month);
  const quarter = quarterOfDate(range.from);
  const monthEnd = instants(range, deps.timezone).to;
  const quarterSoFar = instants({ from: quarterRange(quarter).from, to: range.to }, deps.timezone);
  const byReporter = new Map((await tx.performance.conversionByReporter(range.from, range.to, monthEnd)).map((r) => [r.reporterId, r]));
  const signed = await tx.performance.signedBetween(quarterSoFar.from, quarterSoFar.to);
  const chart = await orgChart(tx);
  const target = deps.policy.kpi.teamNewClientsPerQuarter;
  const monthsLeft = monthsOf(quarter).length - 1 - monthsOf(quarter).indexOf(month);
  const regionOf = (personId: string, fallback: string) => chart.byId.get(personId)?.region ?? fallback;

  const out: RegionConversion[] = [];
  for (const region of await tx.directory.regions()) {
    // Everyone reviewed in the region, and anyone else of it who reported leads in the month.
    const people: Person[] = [...chart.byId.values()]
      .filter((p) => p.region === region && (isReviewed(p.role) || byReporter.has(p.id)))
      .sort((a, b) => a.id.localeCompare(b.id));
    const rows = people.map((person) => {
      const mine = byReporter.get(person.id);
      return { personId: person.id, name: person.name, leads: mine?.leads ?? 0, signed: mine?.signed ?? 0 };
    });
    const newClients = signed.filter((c) => c.newClient && regionOf(c.ownerId, c.region) === region).length;
    const missing = Math.max(0, target - newClients);
    out.push({
      region,
      month,
      quarter,
      people: rows,
      // A company has one lead, so one reporter: the region's companies are the sum of its people's.
      leads: sum(rows.map((r) => r.leads)),
      signed: sum(rows.map((r) => r.signed)),
      newClients,
      newClientsTarget: target,
      monthsLeft,
      neededPerMonth: monthsLeft === 0 ? null : Math.ceil(missing / monthsLeft),
    });
  }
  return out;
}
