import { findClient } from './find-client.ts';
import { followUpStatus, type FollowUpStatus } from './follow-up.ts';
import { isClientInsider, notInsider } from './contact-access.ts';
import { today } from '../leads/progress.ts';
import type { Actor, CoreDeps, CoreResult } from '../ports.ts';
import type { Company } from './types.ts';
import { ok } from '../result.ts';
import type { IsoDate } from '../time.ts';

export interface RecordVisitCommand {
  company: string;
  method: 'phone' | 'onsite';
  note: string | null;
}

export interface VisitRecorded {
  company: Pick<Company, 'id' | 'name'>;
  visitDate: IsoDate;
  followUp: FollowUpStatus;
}

/** `/visit <company>`: a visit or follow-up (CLI-2, CLI-3). */
export async function recordVisit(deps: CoreDeps, actor: Actor, cmd: RecordVisitCommand): Promise<CoreResult<VisitRecorded>> {
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, cmd.company);
    if (!found.ok) return found;
    const company = found.value;
    if (!(await isClientInsider(tx, actor.person, company))) return notInsider(tx, company);
    const visitDate = today(deps);
    await tx.visits.insert({
      companyId: company.id,
      visitorId: actor.person.id,
      method: cmd.method,
      note: cmd.note,
      visitDate,
      recordedAt: deps.clock.now(),
    });
    return ok({
      company: { id: company.id, name: company.name },
      visitDate,
      followUp: await followUpStatus(deps, tx, company, visitDate),
    });
  });
}
