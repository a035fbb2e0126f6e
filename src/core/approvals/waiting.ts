import type { Tx } from '../ports.ts';
import type { IsoDate } from '../time.ts';
import { deciders } from './notify.ts';
import type { ApprovalRequest } from './types.ts';

/** Requests whose current step this person may decide today: their own steps, and those of people they stand in for. */
export async function waitingOnPerson(tx: Tx, personId: string, today: IsoDate): Promise<ApprovalRequest[]> {
  const own = await tx.approvals.waitingOn(personId);
  const delegated: ApprovalRequest[] = [];
  for (const delegatorId of await tx.delegations.delegatorsOf(personId, today)) {
    for (const request of await tx.approvals.waitingOn(delegatorId)) {
      const step = request.steps[request.currentStep - 1];
      if (step && (await deciders(tx, request, step, today)).includes(personId)) delegated.push(request);
    }
  }
  return [...own, ...delegated].sort((a, b) => a.id - b.id);
}
