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
 * `/approvals [page:n]`: what waits on me and my own open requests, PAGE_SIZE
 * rows a page (waiting ones first), as one table whose last column says whom
 * each waits on; Approve and Reject buttons for each row that waits on me;
 * the page shown and Previous / Next buttons when there is more than one.
 */
export function approvalListView(ctx: ViewContext, list: ApprovalList, pageNumber = 1): View {
  const { t } = ctx;
  const rows = [...list.waitingOnMe.map((r) => ({ waiting: true, r })), ...list.mine.map((r) => ({ waiting: false, r }))];
  const page = pageOf(rows, pageNumber);
  const name = (id: string) => list.names[id] ?? id;
  const waitsOn = ({ waiting, r }: { waiting: boolean; r: ApprovalRequest }): string => {
    if (waiting) return t('table.approvals.me') + standingIn(ctx, list, r);
    const step = r.steps[r.currentStep - 1];
    return step ? name(step.approverId) : '';
  };
  const blocks: Block[] = [];
  if (page.items.length) {
    blocks.push({
      type: 'table',
      columns: [
        { label: t('table.id') },
        { label: t('table.approvals.kind') },
        { label: t('table.approvals.subject') },
        { label: t('table.amount'), align: 'right' },
        { label: t('table.approvals.requester') },
        { label: t('table.approvals.waits_on') },
      ],
      rows: page.items.map((row) => [`#${row.r.id}`, t(`approval.kind.${row.r.kind}`), row.r.subject, money(ctx, row.r.amountFen), name(row.r.requesterId), waitsOn(row)]),
    });
    const buttons = page.items
      .filter((row) => row.waiting)
      .flatMap(({ r }) => [
        { label: t('button.approve_of', { id: r.id }), command: `/approvals approve ${r.id}`, style: 'primary' as const },
        { label: t('button.reject_of', { id: r.id }), command: `/approvals reject ${r.id}`, style: 'danger' as const },
      ]);
    if (buttons.length) blocks.push({ type: 'actions', buttons });
  } else blocks.push({ type: 'note', text: t('approvals.none') });
  blocks.push(...pagerBlocks(t, page, (n) => `/approvals page:${n}`));
  return { tone: 'info', title: t('approvals.title'), blocks };
}
