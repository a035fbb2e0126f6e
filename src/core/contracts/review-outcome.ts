import type { ApprovalRequest } from '../approvals/types.ts';
import type { Tx } from '../ports.ts';

/**
 * CON-2, called by the approvals engine in the same transaction as the
 * decision: legal's approval makes the contract `approved` (it may be
 * signed); a rejection returns it with legal's comment, to be corrected and
 * submitted again; a withdrawn review puts it back to draft.
 */
export async function applyContractReview(tx: Tx, request: ApprovalRequest, at: Date): Promise<void> {
  if (request.kind !== 'contract' || request.status === 'pending') return;
  const contract = await tx.contracts.byApproval(request.id);
  if (!contract || contract.status !== 'in_review') return;
  if (request.status === 'approved') await tx.contracts.update(contract.id, { status: 'approved', reviewComment: null }, at);
  else if (request.status === 'rejected') await tx.contracts.update(contract.id, { status: 'returned', reviewComment: request.reason }, at);
  else await tx.contracts.update(contract.id, { status: 'draft' }, at);
}
