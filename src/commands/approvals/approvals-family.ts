import type { DelegateCommand } from '../../core/approvals/delegate.ts';
import type { SubmitApprovalCommand } from '../../core/approvals/submit.ts';
import type { CommandFamily } from '../family.ts';
import { APPROVAL_FORMS } from './approval-forms.ts';
import { APPROVAL_KEYS, type ApprovalKey } from './approval-keys.ts';
import { buildApprovals, buildDelegate, buildExpense, buildPromo, type ApprovalsAction } from './read-approvals.ts';
import { runApprovals, runDelegate, runSubmit } from './run-approvals.ts';

export type ApprovalsCommand =
  | { kind: 'submit_approval'; input: SubmitApprovalCommand }
  | { kind: 'approvals'; input: ApprovalsAction }
  | { kind: 'delegate'; input: DelegateCommand };

const submitted = (input: SubmitApprovalCommand): ApprovalsCommand => ({ kind: 'submit_approval', input });

/** `/expense`, `/promo`, `/approvals`, `/delegate` (EXP-1, PROMO-1, APR-1..3): requests, their approval chain, and who approves while someone is away. */
export const approvalsFamily = {
  name: 'approvals',
  keys: APPROVAL_KEYS,
  commands: {
    expense: {
      words: { en: ['expense'], 'zh-CN': ['费用'] },
      keys: ['event', 'date'],
      freeWords: true,
      read: (raw, ctx) => {
        const expense = buildExpense(raw, ctx);
        return expense.ok ? { ok: true, value: submitted(expense.value) } : expense;
      },
    },
    promo: {
      words: { en: ['promo'], 'zh-CN': ['推广'] },
      keys: ['product', 'start', 'budget'],
      freeWords: true,
      read: (raw, ctx) => {
        const promo = buildPromo(raw, ctx);
        return promo.ok ? { ok: true, value: submitted(promo.value) } : promo;
      },
    },
    approvals: {
      words: { en: ['approvals'], 'zh-CN': ['审批'] },
      keys: ['reason', 'page'],
      freeText: ['reason'],
      read: (raw) => {
        const action = buildApprovals(raw);
        return action.ok ? { ok: true, value: { kind: 'approvals', input: action.value } } : action;
      },
    },
    delegate: {
      words: { en: ['delegate'], 'zh-CN': ['委托'] },
      keys: ['until'],
      read: (raw, ctx) => {
        const delegate = buildDelegate(raw, ctx);
        return delegate.ok ? { ok: true, value: { kind: 'delegate', input: delegate.value } } : delegate;
      },
    },
  },
  forms: APPROVAL_FORMS,
  kinds: ['submit_approval', 'approvals', 'delegate'],
  run(command, env) {
    switch (command.kind) {
      case 'submit_approval':
        return runSubmit(command.input, env);
      case 'approvals':
        return runApprovals(command.input, env);
      case 'delegate':
        return runDelegate(command.input, env);
    }
  },
} satisfies CommandFamily<ApprovalsCommand, ApprovalKey>;
