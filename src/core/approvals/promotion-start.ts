import type { Tx } from '../ports.ts';
import type { IsoDate } from '../time.ts';

/**
 * PROMO-1: an unapproved promotion may not start. A pending promotion whose
 * start date has come is flagged to the marketing reviewers and the department
 * manager, once each (the requester excepted): on its start day, or the first
 * working day after when it starts on a day off. Called by the
 * approvals-waiting job, in its transaction; answers how many notices it queued.
 */
export async function flagUnapprovedPromotions(tx: Tx, date: IsoDate, at: Date): Promise<number> {
  let queued = 0;
  for (const request of await tx.approvals.pending()) {
    if (request.kind !== 'promotion' || request.onDate === null || request.onDate > date) continue;
    const step = request.steps[request.currentStep - 1];
    const [requester, waiting] = await Promise.all([tx.directory.personById(request.requesterId), step ? tx.directory.personById(step.approverId) : null]);
    const people = [...(await tx.directory.withRole('marketing_reviewer')), ...(await tx.directory.withRole('department_manager'))];
    for (const person of people) {
      if (person.id === request.requesterId) continue;
      const added = await tx.outbox.enqueue(
        {
          dedupeKey: `promotion_start:${request.id}:${person.id}`,
          personId: person.id,
          notice: {
            kind: 'promotion_start_unapproved',
            requestId: request.id,
            subject: request.subject,
            start: request.onDate,
            requester: requester?.name ?? request.requesterId,
            waitingOn: waiting?.name ?? step?.approverId ?? '',
          },
        },
        at,
      );
      if (added) queued++;
    }
  }
  return queued;
}
