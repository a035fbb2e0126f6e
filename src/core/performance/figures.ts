import type { Person, Role } from '../people.ts';
import type { CoreDeps, Tx } from '../ports.ts';
import type { Policy } from '../policy.ts';
import { localDate, type IsoDate } from '../time.ts';
import { earlier, instants, monthOfDate, monthRange, monthsOf, quarterRange } from './periods.ts';
import type { Month, Quarter } from './types.ts';

/** A person's review figures for one quarter (KPI-1), as far as the quarter has gone. */
export interface PersonFigures {
  person: Person;
  quarter: Quarter;
  salesFen: number;
  salesTargetFen: number;
  newClients: number;
  newClientsByMonth: { month: Month; count: number }[];
  newClientsPerMonthTarget: number;
  /** Null when nothing fell due in the quarter: "no payments due", which counts as met. */
  collection: { dueFen: number; receivedFen: number; rateBp: number } | null;
  collectionTargetPercent: number;
  /** Sales ÷ target in basis points: the ranking of KPI-5. */
  attainmentBp: number;
  met: { sales: boolean; newClients: boolean; collection: boolean };
  passed: boolean;
}

/** Roles reviewed every quarter (KPI-1). */
export const isReviewed = (role: Role): boolean => role === 'sales' || role === 'account_manager';

/**
 * KPI-1's monthly new-client target of a role. `sales` and `account_manager`
 * have newClientsPerMonthSales; the policy's market-promotion staff
 * (newClientsPerMonthPromotion) have no role in the directory yet, so that
 * figure is not used until they do.
 */
export const newClientsPerMonth = (policy: Policy, _role: Role): number => policy.kpi.newClientsPerMonthSales;

/**
 * The figures of `people` for `quarter`, counted up to `today`:
 * - sales = the amounts of contracts they own signed (signed_at) in the quarter, company time zone;
 * - new clients = those contracts marked new_client;
 * - collection rate (CON-3) = received ÷ due, where due = the amounts of their
 *   signed contracts whose due date falls in the quarter up to its end or
 *   today, whichever is earlier (during a running quarter a contract due next
 *   month is not due yet, so it does not read as missed), and received = the
 *   payments on those contracts dated up to that same day. Each contract
 *   counts at most its own amount: paying one contract twice does not cover another.
 */
export async function personFigures(deps: CoreDeps, tx: Tx, people: Person[], quarter: Quarter, today: IsoDate): Promise<PersonFigures[]> {
  const range = quarterRange(quarter);
  const bounds = instants(range, deps.timezone);
  const signed = await tx.performance.signedBetween(bounds.from, bounds.to);
  const upTo = earlier(range.to, today);
  const due = await tx.performance.dueBetween(range.from, upTo, upTo);
  const kpi = deps.policy.kpi;
  return people.map((person) => {
    const mine = signed.filter((c) => c.ownerId === person.id);
    const salesFen = mine.reduce((sum, c) => sum + c.amountFen, 0);
    const newOnes = mine.filter((c) => c.newClient);
    const newClientsByMonth = monthsOf(quarter).map((month) => ({
      month,
      count: newOnes.filter((c) => monthOfDate(localDate(c.signedAt, deps.timezone)) === month).length,
    }));
    const myDue = due.filter((c) => c.ownerId === person.id);
    const dueFen = myDue.reduce((sum, c) => sum + c.amountFen, 0);
    const receivedFen = myDue.reduce((sum, c) => sum + Math.min(c.receivedFen, c.amountFen), 0);
    const collection = dueFen > 0 ? { dueFen, receivedFen, rateBp: Math.floor((receivedFen * 10_000) / dueFen) } : null;
    const salesTargetFen = kpi.quarterlySalesTarget * 100;
    const perMonth = newClientsPerMonth(deps.policy, person.role);
    const met = {
      sales: salesFen >= salesTargetFen,
      // The quarter's new-client target is three months of the monthly one.
      newClients: newOnes.length >= perMonth * 3,
      collection: collection === null || collection.rateBp >= kpi.collectionRatePercent * 100,
    };
    return {
      person,
      quarter,
      salesFen,
      salesTargetFen,
      newClients: newOnes.length,
      newClientsByMonth,
      newClientsPerMonthTarget: perMonth,
      collection,
      collectionTargetPercent: kpi.collectionRatePercent,
      attainmentBp: salesTargetFen > 0 ? Math.floor((salesFen * 10_000) / salesTargetFen) : 0,
      met,
      passed: met.sales && met.newClients && met.collection,
    };
  });
}

/** A team's quarter (KPI-7, INC-2). */
export interface TeamFigures {
  quarter: Quarter;
  region: string | null;
  people: PersonFigures[];
  newClients: number;
  newClientsTarget: number;
  /** Companies reported as leads in the month that have a signed contract ÷ leads reported in the month. */
  conversion: { month: Month; leads: number; signed: number }[];
  newAClients: number;
  travelFundAClients: number;
  travelFundAmount: number;
}

export async function teamFigures(deps: CoreDeps, tx: Tx, people: Person[], region: string | null, quarter: Quarter, today: IsoDate): Promise<TeamFigures> {
  const figures = await personFigures(deps, tx, people, quarter, today);
  const ids = new Set(people.map((p) => p.id));
  const bounds = instants(quarterRange(quarter), deps.timezone);
  const signed = (await tx.performance.signedBetween(bounds.from, bounds.to)).filter((c) => ids.has(c.ownerId));
  // INC-2: new A-class clients, each company once.
  const newAClients = new Set(signed.filter((c) => c.newClient && c.companyGrade === 'A').map((c) => c.companyId)).size;
  const conversion: TeamFigures['conversion'] = [];
  for (const month of monthsOf(quarter)) {
    const range = monthRange(month);
    if (range.from > today) break;
    const leads = (await tx.performance.leadsBetween(range.from, range.to)).filter((l) => ids.has(l.reporterId));
    const companies = new Map(leads.map((l) => [l.companyId, l.signed]));
    conversion.push({ month, leads: companies.size, signed: [...companies.values()].filter(Boolean).length });
  }
  return {
    quarter,
    region,
    people: figures,
    newClients: figures.reduce((sum, f) => sum + f.newClients, 0),
    newClientsTarget: deps.policy.kpi.teamNewClientsPerQuarter,
    conversion,
    newAClients,
    travelFundAClients: deps.policy.incentives.travelFundAClients,
    travelFundAmount: deps.policy.incentives.travelFundAmount,
  };
}

