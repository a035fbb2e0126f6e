import type { Tx } from '../ports.ts';
import type { ApprovalRequest } from './types.ts';

/** A request as its views show it: the request, and by id the names of everyone on it (requester and approvers). */
export interface NamedApproval {
  request: ApprovalRequest;
  names: Record<string, string>;
}

/**
 * The names of everyone on these requests, read in one query in the caller's
 * transaction; someone no longer in the directory is shown by their id.
 */
export async function namesOn(tx: Tx, requests: readonly ApprovalRequest[]): Promise<Record<string, string>> {
  const ids = [...new Set(requests.flatMap((r) => [r.requesterId, ...r.steps.map((s) => s.approverId)]))];
  const found = new Map((await tx.directory.peopleByIds(ids)).map((p) => [p.id, p.name]));
  return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? id]));
}

export async function withNames(tx: Tx, request: ApprovalRequest): Promise<NamedApproval> {
  return { request, names: await namesOn(tx, [request]) };
}
