import type { ApprovalList } from '../core/approvals/decide.ts';
import type { NamedApproval } from '../core/approvals/names.ts';
import type { ApprovalRequest } from '../core/approvals/types.ts';
import { formatMoney } from './format.ts';
import { pageOf, pagerBlocks } from './paging.ts';
import { roleName } from './role-name.ts';
import type { Block, View } from './view.ts';
import type { ViewContext } from './view-context.ts';

const money = (ctx: ViewContext, fen: number | null) => (fen === null ? '' : formatMoney(fen, ctx.locale));

/** The request with its chain and where it stands; the requester may withdraw it while pending. */
export function approvalView(ctx: ViewContext, { request, names }: NamedApproval): View {
  const { t } = ctx;
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: t('approval.requester'), value: names[request.requesterId] ?? request.requesterId },
        { label: t('approval.subject'), value: request.subject },
        ...(request.amountFen !== null ? [{ label: t('approval.amount'), value: money(ctx, request.amountFen) }] : []),
        ...(request.event ? [{ label: t('approval.event'), value: request.event }] : []),
        ...(request.event && request.eventTotalFen !== null ? [{ label: t('approval.event_total'), value: money(ctx, request.eventTotalFen) }] : []),
        ...(request.product ? [{ label: t('approval.product'), value: request.product }] : []),
        ...(request.onDate ? [{ label: t('approval.date'), value: request.onDate }] : []),
        { label: t('approval.status'), value: t(`approval.status.${request.status}`) },
      ],
    },
    ...(request.overBenchmark ? [{ type: 'text' as const, text: `⚠ ${overBenchmarkText(ctx, request)}` }] : []),
    { type: 'text', text: t('approval.chain') },
    {
      type: 'list',
      items: request.steps.map((s) =>
        t('approval.step_line', { seq: s.seq, role: roleName(t, s.role), name: names[s.approverId] ?? s.approverId, status: t(`approval.step.${s.status}`) }),
      ),
    },
  ];
  return {
    tone: request.status === 'approved' ? 'success' : request.status === 'rejected' ? 'danger' : 'info',
    title: t('approval.title', { kind: t(`approval.kind.${request.kind}`), id: request.id }),
    blocks,
  };
}

/** EXP-1 in words: the event's total above the benchmark, or the request's own amount. */
function overBenchmarkText(ctx: ViewContext, request: ApprovalRequest): string {
  const benchmark = formatMoney(ctx.policy.expenses.eventBenchmarkFen, ctx.locale);
  return request.event && request.eventTotalFen !== null
    ? ctx.t('approval.over_benchmark_event', { event: request.event, total: money(ctx, request.eventTotalFen), benchmark })
    : ctx.t('approval.over_benchmark', { benchmark });
}

/** What `/expense` and `/promo` answer: the request, submitted, and whom it waits on. */
export function submittedView(ctx: ViewContext, { request, names }: NamedApproval): View {
  const view = approvalView(ctx, { request, names });
  const first = request.steps[0];
  return {
    ...view,
    tone: 'success',
    blocks: [
      { type: 'text', text: ctx.t('approval.submitted', { approver: first ? (names[first.approverId] ?? first.approverId) : '' }) },
      ...view.blocks,
      { type: 'actions', buttons: [{ label: ctx.t('button.withdraw'), command: `/approvals withdraw ${request.id}` }] },
    ],
  };
}

/** " (for 李四)" when the step waits on me as someone's delegate. */
function standingIn(ctx: ViewContext, list: ApprovalList, r: ApprovalRequest): string {
  const approverId = r.steps[r.currentStep - 1]?.approverId;
  return approverId && approverId !== list.me ? ctx.t('approvals.as_delegate', { name: list.names[approverId] ?? approverId }) : '';
}

/**
 * `/approvals [page:n]`: what waits on me (with Approve and Reject) and my
 * own open requests, PAGE_SIZE rows a page (waiting ones first), with the
 * page shown and Previous / Next buttons when there is more than one.
 */
export function approvalListView(ctx: ViewContext, list: ApprovalList, pageNumber = 1): View {
  const { t } = ctx;
  const line = (r: ApprovalRequest) => ({ id: r.id, kind: t(`approval.kind.${r.kind}`), subject: r.subject, amount: money(ctx, r.amountFen) });
  const rows = [...list.waitingOnMe.map((r) => ({ waiting: true, r })), ...list.mine.map((r) => ({ waiting: false, r }))];
  const page = pageOf(rows, pageNumber);
  const waitingOnMe = page.items.filter((row) => row.waiting).map((row) => row.r);
  const mine = page.items.filter((row) => !row.waiting).map((row) => row.r);
  const blocks: Block[] = [];
  if (waitingOnMe.length) {
    blocks.push({ type: 'text', text: t('approvals.waiting') });
    for (const r of waitingOnMe) {
      blocks.push(
        { type: 'list', items: [t('approvals.item', { ...line(r), requester: list.names[r.requesterId] ?? r.requesterId }) + standingIn(ctx, list, r)] },
        {
          type: 'actions',
          buttons: [
            { label: t('button.approve'), command: `/approvals approve ${r.id}`, style: 'primary' },
            { label: t('button.reject'), command: `/approvals reject ${r.id}`, style: 'danger' },
          ],
        },
      );
    }
  }
  if (mine.length) {
    blocks.push(
      { type: 'text', text: t('approvals.mine') },
      {
        type: 'list',
        items: mine.map((r) => {
          const step = r.steps[r.currentStep - 1];
          return t('approvals.mine_item', { ...line(r), approver: step ? (list.names[step.approverId] ?? step.approverId) : '' });
        }),
      },
    );
  }
  if (!blocks.length) blocks.push({ type: 'note', text: t('approvals.none') });
  blocks.push(...pagerBlocks(t, page, (n) => `/approvals page:${n}`));
  return { tone: 'info', title: t('approvals.title'), blocks };
}
