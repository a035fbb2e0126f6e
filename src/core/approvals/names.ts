import type { CoreDeps } from '../ports.ts';
import type { ApprovalRequest } from './types.ts';

/** The names of everyone on a request (requester and approvers), for its card. */
export async function namesOn(deps: Pick<CoreDeps, 'store'>, request: ApprovalRequest): Promise<Record<string, string>> {
  return deps.store.direct(async (tx) => {
    const names: Record<string, string> = {};
    for (const id of new Set([request.requesterId, ...request.steps.map((s) => s.approverId)])) {
      names[id] = (await tx.directory.personById(id))?.name ?? id;
    }
    return names;
  });
}
