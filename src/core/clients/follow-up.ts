import type { CoreDeps, Tx } from '../ports.ts';
import type { Company } from './types.ts';
import { addMonths, localDate, quarterOf, type IsoDate } from '../time.ts';

export interface FollowUpStatus {
  lastVisit: IsoDate | null;
  /** CLI-3: when the next follow-up is due; null while the company is not a customer yet. */
  nextVisitDue: IsoDate | null;
  overdue: boolean;
  /** CLI-2: visits this quarter by the account manager or the owner against the A-class minimum; null for other grades. */
  quarterVisits: { count: number; required: number } | null;
}

export async function followUpStatus(deps: CoreDeps, tx: Tx, company: Company, today: IsoDate): Promise<FollowUpStatus> {
  const last = await tx.visits.last(company.id);
  const lastVisit = last?.visitDate ?? null;
  const since = company.customerSince ? localDate(company.customerSince, deps.timezone) : null;
  // A visit from before the company became a customer does not start the clock.
  const base = lastVisit && since ? (lastVisit > since ? lastVisit : since) : (lastVisit ?? since);
  const nextVisitDue = since && base ? addMonths(base, deps.policy.clients.followUpEveryMonths) : null;
  let quarterVisits: FollowUpStatus['quarterVisits'] = null;
  if (company.grade === 'A') {
    const quarter = quarterOf(today);
    // CLI-2 asks the client's own people to visit: a manager dropping by does not stand in for them.
    const visitors = [company.ownerId, ...(company.accountManagerId ? [company.accountManagerId] : [])];
    const count = await tx.visits.countBetween(company.id, quarter.from, quarter.to, visitors);
    quarterVisits = { count, required: deps.policy.clients.aClassVisitsPerQuarter };
  }
  return { lastVisit, nextVisitDue, overdue: nextVisitDue !== null && today > nextVisitDue, quarterVisits };
}
