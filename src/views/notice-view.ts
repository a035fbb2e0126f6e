import type { Notice } from '../core/notices.ts';
import type { Locale } from '../core/people.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import { contractOnCardFields } from './contract-views.ts';
import { gradeNoticeView } from './grade-notice-view.ts';
import { performanceNoticeView } from './performance-notice-view.ts';
import { policyNoticeView } from './policy-notice-view.ts';
import { roleName } from './role-name.ts';
import type { View } from './view.ts';

/** A notice in the reader's words, when it is sent; a reminder sent on the fallback calendar says so. */
export function noticeView(t: Translate, locale: Locale, notice: Notice): View {
  const view = noticeBody(t, locale, notice);
  if (notice.calendarUnknownYear === undefined) return view;
  return { ...view, blocks: [...view.blocks, { type: 'note', text: t('calendar.unknown_year_warning', { year: notice.calendarUnknownYear }) }] };
}

function noticeBody(t: Translate, locale: Locale, notice: Notice): View {
  switch (notice.kind) {
    case 'account_manager_assigned':
      return {
        tone: 'info',
        title: t('notice.account_manager_assigned.title'),
        blocks: [
          { type: 'text', text: t('notice.account_manager_assigned.body', { company: notice.company, by: notice.by }) },
          { type: 'actions', buttons: [{ label: t('button.client'), command: `/client ${notice.company}` }] },
        ],
      };
    case 'account_manager_needed':
      return {
        tone: notice.reminder ? 'warning' : 'info',
        title: t(notice.reminder ? 'notice.account_manager_needed.reminder_title' : 'notice.account_manager_needed.title', { company: notice.company }),
        blocks: [
          { type: 'text', text: t('notice.account_manager_needed.body', { company: notice.company, region: notice.region }) },
          ...(notice.candidates.length
            ? [{ type: 'actions' as const, buttons: notice.candidates.map((c) => ({ label: t('button.assign_account_manager', { name: c.name }), command: `/client ${notice.company} manager:@${c.id}` })) }]
            : [{ type: 'note' as const, text: t('notice.account_manager_needed.none', { region: notice.region }) }]),
        ],
      };
    case 'account_manager_needed_closed':
      return {
        tone: 'success',
        title: t('notice.account_manager_needed_closed.title', { company: notice.company }),
        blocks: [
          { type: 'text', text: t('notice.account_manager_needed_closed.body', { company: notice.company, manager: notice.accountManager, by: notice.by }) },
          { type: 'actions', buttons: [{ label: t('button.client'), command: `/client ${notice.company}` }] },
        ],
      };
    case 'grade_confirmation':
    case 'grade_confirmation_closed':
    case 'grade_decided':
      return gradeNoticeView(t, locale, notice);
    case 'calendar_unknown':
      return {
        tone: 'warning',
        title: t('notice.calendar_unknown.title', { years: notice.years }),
        blocks: [{ type: 'text', text: t('notice.calendar_unknown.body', { years: notice.years, knownThrough: notice.knownThrough }) }],
      };
    case 'lead_duplicate_held':
      return {
        tone: 'warning',
        title: t('notice.lead_duplicate_held.title', { id: notice.heldId }),
        blocks: [
          { type: 'text', text: t('notice.lead_duplicate_held.body', notice) },
          {
            type: 'actions',
            buttons: [
              { label: t('button.allow'), command: `/lead allow ${notice.heldId}`, style: 'primary' },
              { label: t('button.reject'), command: `/lead refuse ${notice.heldId}`, style: 'danger' },
            ],
          },
        ],
      };
    case 'lead_hold_decided':
      return {
        tone: notice.outcome === 'allowed' ? 'success' : 'warning',
        title: t(`notice.lead_hold_decided.${notice.outcome}.title`, { id: notice.heldId }),
        blocks: [{ type: 'text', text: t(`notice.lead_hold_decided.${notice.outcome}.body`, { company: notice.company, by: notice.by, reason: notice.reason ?? '-' }) }],
      };
    case 'approval_requested':
      return {
        tone: notice.overBenchmark ? 'warning' : 'info',
        title: t('notice.approval_requested.title', { kind: t(`approval.kind.${notice.approvalKind}`), id: notice.requestId }),
        blocks: [
          { type: 'text', text: t('notice.approval_requested.body', { requester: notice.requester, subject: notice.subject }) },
          {
            type: 'fields',
            fields: [
              ...(notice.amountFen !== null ? [{ label: t('approval.amount'), value: formatMoney(notice.amountFen, locale) }] : []),
              ...(notice.event ? [{ label: t('approval.event'), value: notice.event }] : []),
              ...(notice.event && typeof notice.eventTotalFen === 'number' ? [{ label: t('approval.event_total'), value: formatMoney(notice.eventTotalFen, locale) }] : []),
              ...(notice.contract ? contractOnCardFields(t, notice.contract) : []),
            ],
          },
          // EXP-1: above the benchmark in words on the card itself, not only its colour.
          ...(notice.overBenchmark ? [{ type: 'text' as const, text: `⚠ ${overBenchmarkText(t, locale, notice)}` }] : []),
          {
            type: 'actions',
            buttons: [
              { label: t('button.approve'), command: `/approvals approve ${notice.requestId}`, style: 'primary' },
              { label: t('button.reject'), command: `/approvals reject ${notice.requestId}`, style: 'danger' },
            ],
          },
        ],
      };
    case 'approval_card_closed':
      return {
        tone: notice.outcome === 'rejected' ? 'danger' : notice.outcome === 'withdrawn' || notice.outcome === 'escalated' ? 'info' : 'success',
        title: t('notice.approval_requested.title', { kind: t(`approval.kind.${notice.approvalKind}`), id: notice.requestId }),
        blocks: [
          { type: 'text', text: t('notice.approval_requested.body', { requester: notice.requester, subject: notice.subject }) },
          ...(notice.amountFen !== null ? [{ type: 'fields' as const, fields: [{ label: t('approval.amount'), value: formatMoney(notice.amountFen, locale) }] }] : []),
          { type: 'text', text: t(`notice.approval_card.${notice.outcome}`, { by: notice.by, at: notice.at }) },
        ],
      };
    case 'leads_morning':
      return {
        tone: 'info',
        title: t('reminder.morning.title'),
        blocks: [
          { type: 'text', text: t('reminder.morning.body', { target: notice.target }) },
          ...(notice.previousDate
            ? [{ type: 'progress' as const, label: t('reminder.morning.previous', { date: notice.previousDate, count: notice.previousCount, target: notice.previousTarget }), current: notice.previousCount, target: notice.previousTarget }]
            : []),
          { type: 'actions', buttons: [{ label: t('button.record_lead'), command: '/lead', style: 'primary' }] },
        ],
      };
    case 'leads_nudge':
      return {
        tone: 'warning',
        title: t('reminder.nudge.title', { missing: notice.missing }),
        blocks: [
          { type: 'progress', label: t('lead.progress', { count: notice.count, target: notice.target }), current: notice.count, target: notice.target },
          { type: 'text', text: t('reminder.nudge.body', { count: notice.count, target: notice.target, missing: notice.missing }) },
          { type: 'actions', buttons: [{ label: t('button.record_lead'), command: '/lead', style: 'primary' }] },
        ],
      };
    case 'followups_digest':
      return {
        tone: notice.items.some((i) => i.overdue) ? 'warning' : 'info',
        title: t('reminder.followups.title'),
        blocks: [
          {
            type: 'list',
            items: notice.items.map((i) =>
              i.overdue && i.due
                ? t('reminder.followups.overdue', { company: i.company, due: i.due })
                : i.due
                  ? t('reminder.followups.item', { company: i.company, due: i.due })
                  : t('reminder.followups.quarter', { company: i.company, visits: i.visits ?? '' }),
            ),
          },
        ],
      };
    case 'followups_team':
      return {
        tone: 'warning',
        title: t('reminder.team.title'),
        blocks: [{ type: 'list', items: notice.items.map((i) => t('reminder.team.item', i)) }],
      };
    case 'approvals_waiting':
      return {
        tone: 'info',
        title: t('reminder.approvals.title', { count: notice.items.length }),
        blocks: [
          { type: 'list', items: notice.items.map((i) => t('reminder.approvals.item', i)) },
          { type: 'actions', buttons: [{ label: t('button.approvals'), command: '/approvals' }] },
        ],
      };
    case 'approval_escalated':
      return {
        tone: 'warning',
        title: t('notice.approval_escalated.title', { id: notice.requestId }),
        blocks: [{ type: 'text', text: t('notice.approval_escalated.body', { subject: notice.subject, from: notice.from, to: notice.to, days: notice.days }) }],
      };
    case 'approval_stuck':
      return {
        tone: 'warning',
        title: t('notice.approval_stuck.title', { id: notice.requestId }),
        blocks: [
          { type: 'text', text: t('notice.approval_stuck.body', { subject: notice.subject, role: roleName(t, notice.role), from: notice.from, days: notice.days }) },
          { type: 'actions', buttons: [{ label: t('button.approvals'), command: '/approvals' }] },
        ],
      };
    case 'promotion_start_unapproved':
      return {
        tone: 'warning',
        title: t('notice.promotion_start_unapproved.title', { id: notice.requestId }),
        blocks: [{ type: 'text', text: t('notice.promotion_start_unapproved.body', notice) }],
      };
    case 'approval_progress':
      return {
        tone: 'info',
        title: t('notice.approval_progress.title', { id: notice.requestId }),
        blocks: [{ type: 'text', text: t('notice.approval_progress.body', { by: notice.by, subject: notice.subject, next: notice.next }) }],
      };
    case 'approval_decided':
      return {
        tone: notice.outcome === 'approved' ? 'success' : notice.outcome === 'rejected' ? 'danger' : 'info',
        title: t(`notice.approval_decided.${notice.outcome}`, { id: notice.requestId }),
        blocks: [{ type: 'text', text: t(`notice.approval_decided.body.${notice.outcome}`, { by: notice.by, subject: notice.subject, reason: notice.reason ?? '' }) }],
      };
    case 'ticket_opened':
    case 'ticket_sla_warning':
    case 'ticket_sla_overdue':
      return ticketNoticeView(t, notice);
    case 'deal_changed':
      return {
        tone: notice.change === 'lost' ? 'warning' : notice.change === 'won' ? 'success' : 'info',
        title: t('notice.deal_changed.title', { id: notice.dealId }),
        blocks: [
          {
            type: 'text',
            text: t(`notice.deal_changed.${notice.change}`, {
              by: notice.by,
              id: notice.dealId,
              company: notice.company,
              stage: notice.stage,
              name: t(`deal.stage.${notice.stage}` as 'deal.stage.1'),
              reason: notice.reason ?? '',
            }),
          },
          { type: 'actions', buttons: [{ label: t('button.deal_open', { id: notice.dealId }), command: `/deal ${notice.dealId}` }] },
        ],
      };
    case 'payment_recorded':
      return {
        tone: 'success',
        title: t('notice.payment_recorded.title', { id: notice.contractId }),
        blocks: [
          { type: 'text', text: t('notice.payment_recorded.body', { by: notice.by, company: notice.company, amount: formatMoney(notice.amountFen, locale), date: notice.paidOn, received: formatMoney(notice.receivedFen, locale), total: formatMoney(notice.contractFen, locale) }) },
          ...(notice.paidInFull ? [{ type: 'text' as const, text: t('contract.paid_in_full') }] : []),
          { type: 'actions', buttons: [{ label: t('button.contract_view'), command: `/contract ${notice.contractId}` }] },
        ],
      };
    case 'travel_fund_earned':
      return {
        tone: 'success',
        title: t('notice.travel_fund.title'),
        blocks: [{ type: 'text', text: t('notice.travel_fund.body', { region: notice.region, quarter: notice.quarter, count: notice.count, target: notice.target, amount: formatMoney(notice.amountFen, locale) }) }],
      };
    case 'payments_due':
      return {
        tone: notice.items.some((i) => i.overdueDays > 0) ? 'warning' : 'info',
        title: t(notice.scope === 'all' ? 'reminder.payments_due.title_all' : 'reminder.payments_due.title', { count: notice.items.length }),
        blocks: [
          {
            type: 'list',
            items: notice.items.map((i) =>
              t(i.overdueDays > 0 ? 'reminder.payments_due.overdue' : 'reminder.payments_due.item', { id: i.contractId, company: i.company, outstanding: formatMoney(i.outstandingFen, locale), days: i.overdueDays, due: i.due }),
            ),
          },
        ],
      };
    case 'goal_set':
    case 'goal_agreed':
    case 'plan_submitted':
    case 'goals_due_manager':
    case 'goals_due_staff':
    case 'finance_check':
    case 'review_result':
    case 'review_standing':
    case 'year_bonus':
    case 'review_retraining':
    case 'review_team':
    case 'conversion_region':
    case 'conversion_all':
    case 'plan_due':
      return performanceNoticeView(t, locale, notice);
    case 'policy_ack_due':
    case 'policy_ack_digest':
      return policyNoticeView(t, notice);
    default: {
      const unknown: never = notice;
      throw new Error(`unknown notice ${JSON.stringify(unknown)}`);
    }
  }
}

type TicketNotice = Extract<Notice, { kind: 'ticket_opened' | 'ticket_sla_warning' | 'ticket_sla_overdue' }>;
const TICKET_TONE = { ticket_opened: 'info', ticket_sla_warning: 'warning', ticket_sla_overdue: 'danger' } as const;

/** CLI-4: a ticket opened, its deadline near, its deadline past: each its title and body, the same buttons. */
function ticketNoticeView(t: Translate, notice: TicketNotice): View {
  const hours = notice.kind === 'ticket_sla_warning' ? notice.hoursLeft : notice.kind === 'ticket_sla_overdue' ? notice.hoursOverdue : 0;
  const params = { ...notice, id: notice.ticketId, hours };
  return {
    tone: TICKET_TONE[notice.kind],
    title: t(`notice.${notice.kind}.title`, params),
    blocks: [
      { type: 'text', text: t(`notice.${notice.kind}.body`, params) },
      { type: 'actions', buttons: ticketButtons(t, notice.ticketId) },
    ],
  };
}

/** CLI-4 notices: answer the ticket, or look at it first. */
const ticketButtons = (t: Translate, ticketId: number) => [
  { label: t('button.ticket_respond'), command: `/ticket ${ticketId} respond`, style: 'primary' as const },
  { label: t('button.ticket_view'), command: `/ticket ${ticketId}` },
];

/** "Above the benchmark": of the event's total when the request has an event, else of its own amount. */
function overBenchmarkText(t: Translate, locale: Locale, notice: Extract<Notice, { kind: 'approval_requested' }>): string {
  const benchmark = notice.benchmarkFen !== undefined ? formatMoney(notice.benchmarkFen, locale) : '';
  if (notice.event && typeof notice.eventTotalFen === 'number') {
    return t('approval.over_benchmark_event', { event: notice.event, total: formatMoney(notice.eventTotalFen, locale), benchmark });
  }
  return t('approval.over_benchmark', { benchmark });
}
