import type { CoreDeps, Tx } from '../ports.ts';
import type { Company, Grade } from '../clients/types.ts';
import { instants, quarterOfDate } from '../performance/periods.ts';
import { localDate, quarterOf } from '../time.ts';

/**
 * INC-1: signing a new client rewards the team a percent of the contract
 * amount by the client's grade (an ungraded client counts as C); signing an
 * existing client rewards nothing. Whole fen, rounded.
 */
export function newClientReward(deps: Pick<CoreDeps, 'policy'>, amountFen: number, grade: Grade | null, newClient: boolean): number {
  if (!newClient) return 0;
  return Math.round((amountFen * deps.policy.incentives.newClientRewardPercent[grade ?? 'C']) / 100);
}

/** The calendar quarter of an instant in the company's zone: its label (2026Q4) and its bounds as instants (the shared quarter helpers). */
function quarterAround(at: Date, zone: string): { label: string; from: Date; to: Date } {
  const today = localDate(at, zone);
  return { label: quarterOfDate(today), ...instants(quarterOf(today), zone) };
}

/**
 * INC-2: when a signing brings the region's new A-class clients this quarter
 * to the policy's number (3), the region's manager(s) and the department
 * manager(s) are told the team earned the travel fund. The dedupe key is per
 * person, region and quarter, so later signings that quarter send nothing.
 */
export async function announceTravelFund(deps: CoreDeps, tx: Tx, company: Company, region: string, at: Date): Promise<boolean> {
  if (company.grade !== 'A') return false;
  const quarter = quarterAround(at, deps.timezone);
  // Held until commit: two signings in one region at once count one after the other, so the one that makes 3 sees the other.
  await tx.contracts.holdRegionQuarter(region, quarter.label);
  const count = await tx.contracts.newAClientsSigned(region, quarter.from, quarter.to);
  const target = deps.policy.incentives.travelFundAClients;
  if (count < target) return false;
  const people = [...(await tx.directory.withRole('regional_manager', region)), ...(await tx.directory.withRole('department_manager'))];
  const amountFen = deps.policy.incentives.travelFundAmountFen;
  for (const person of new Map(people.map((p) => [p.id, p])).values()) {
    await tx.outbox.enqueue(
      {
        dedupeKey: `travel_fund:${region}:${quarter.label}:${person.id}`,
        personId: person.id,
        notice: { kind: 'travel_fund_earned', region, quarter: quarter.label, count, target, amountFen },
      },
      at,
    );
  }
  return true;
}
