import { setDelegate, type DelegateCommand } from '../../core/approvals/delegate.ts';
import { decideApproval, listApprovals, withdrawApproval } from '../../core/approvals/decide.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../core/approvals/submit.ts';
import type { NamedApproval } from '../../core/approvals/names.ts';
import type { CoreResult } from '../../core/ports.ts';
import { approvalListView, approvalView, submittedView } from '../../views/approval-views.ts';
import { formView } from '../../views/form-view.ts';
import { refusalView } from '../../views/problem-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { View } from '../../views/view.ts';
import type { RunEnv } from '../family.ts';
import { APPROVAL_FORMS } from './approval-forms.ts';
import type { ApprovalsAction } from './read-approvals.ts';

/** `/expense`, `/promo` (EXP-1, PROMO-1): the request goes to its first approver; the requester sees its chain. */
export async function runSubmit(input: SubmitApprovalCommand, { deps, actor, view }: RunEnv): Promise<View> {
  const result = await submitApproval(deps, actor, input);
  return result.ok ? submittedView(view, result.value) : refusalView(view.t, result.code, result.details);
}

/** `/approvals [approve|reject|withdraw <n>]` (APR-1): the list waiting for the person, or a decision on one request. */
export async function runApprovals(input: ApprovalsAction, { deps, actor, view }: RunEnv): Promise<View> {
  if (input.action === 'list') return viewOf(view.t, await listApprovals(deps, actor), (list) => approvalListView(view, list, input.page));
  const result: CoreResult<NamedApproval> =
    input.action === 'withdraw' ? await withdrawApproval(deps, actor, input.requestId) : await decideApproval(deps, actor, input);
  if (result.ok) return approvalView(view, result.value);
  // A reject without a reason opens the reject form, the request's number filled in.
  if (result.code === 'reason_required' && input.action === 'decide') return formView(view.t, 'reject', APPROVAL_FORMS.reject.fields, [], { id: String(input.requestId) });
  return refusalView(view.t, result.code, result.details);
}

/** `/delegate @id until:<date>` (APR-3): who approves in the person's place while away, and what already waits for them. */
export async function runDelegate(input: DelegateCommand, { deps, actor, view: { t } }: RunEnv): Promise<View> {
  return viewOf(t, await setDelegate(deps, actor, input), ({ delegate, until, waiting }) => ({
    tone: 'success',
    blocks: [
      { type: 'text', text: t('delegate.set', { name: delegate.name, until }) },
      ...(waiting ? [{ type: 'text' as const, text: t('delegate.set_waiting', { name: delegate.name, waiting }) }] : []),
    ],
  }));
}
