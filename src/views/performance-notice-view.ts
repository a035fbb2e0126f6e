import type { PerformanceNotice } from '../core/performance/notices.ts';
import type { Locale } from '../core/people.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import { percent } from './performance-views.ts';
import type { View } from './view.ts';

/** The performance review's notices (KPI-2..7) in the reader's words. */
export function performanceNoticeView(t: Translate, locale: Locale, notice: PerformanceNotice): View {
  const money = (fen: number) => formatMoney(fen, locale);
  switch (notice.kind) {
    case 'goal_set':
      return {
        tone: 'info',
        title: t('notice.goal_set.title', { month: notice.month }),
        blocks: [
          { type: 'text', text: t('notice.goal_set.body', { by: notice.by, month: notice.month, sales: money(notice.salesFen), clients: notice.newClients }) },
          ...(notice.note ? [{ type: 'note' as const, text: notice.note }] : []),
          { type: 'actions', buttons: [{ label: t('button.agree_goal'), command: `/goal agree ${notice.month} ${notice.version}`, style: 'primary' }] },
        ],
      };
    case 'goal_agreed':
      return { tone: 'success', blocks: [{ type: 'text', text: t('notice.goal_agreed', { person: notice.person, month: notice.month }) }] };
    case 'plan_submitted':
      return {
        tone: notice.late ? 'warning' : 'info',
        title: t('notice.plan_submitted.title', { person: notice.person, quarter: notice.quarter }),
        blocks: [{ type: 'text', text: notice.text }, { type: 'note', text: t(notice.late ? 'notice.plan_submitted.late' : 'notice.plan_submitted.due', { due: notice.dueBy }) }],
      };
    case 'goals_due_manager':
      return {
        tone: 'info',
        title: t('notice.goals_due.title', { month: notice.month }),
        blocks: [
          { type: 'text', text: notice.missing.length ? t('notice.goals_due.missing', { count: notice.missing.length }) : t('notice.goals_due.all_set') },
          ...(notice.missing.length ? [{ type: 'list' as const, items: notice.missing }] : []),
          { type: 'actions', buttons: [{ label: t('button.goals'), command: '/goal' }] },
        ],
      };
    case 'goals_due_staff':
      return { tone: 'info', title: t('notice.goals_due.title', { month: notice.month }), blocks: [{ type: 'text', text: t('notice.goals_due.staff', { month: notice.month }) }] };
    case 'finance_check':
      return {
        tone: 'info',
        title: t('notice.finance_check.title', { month: notice.month }),
        blocks: [
          { type: 'text', text: t('notice.finance_check.body', { month: notice.month, sales: money(notice.salesFen), contracts: notice.contracts, received: money(notice.receivedFen) }) },
          {
            type: 'actions',
            buttons: [
              { label: t('button.finance_check'), command: `/finance check ${notice.month}` },
              { label: t('button.finance_lock'), command: `/finance lock ${notice.month}`, style: 'primary' },
            ],
          },
        ],
      };
    case 'review_result':
      return {
        tone: notice.passed ? 'success' : 'warning',
        title: t(notice.passed ? 'notice.review.passed' : 'notice.review.failed', { quarter: notice.quarter }),
        blocks: [
          {
            type: 'list',
            items: [
              t('notice.review.sales', { sales: money(notice.salesFen), target: money(notice.salesTargetFen) }),
              t('notice.review.clients', { count: notice.newClients, target: notice.newClientsTarget }),
              ...(notice.newClientsMissed.length ? [t('notice.review.clients_missed', { target: notice.newClientsPerMonthTarget, months: notice.newClientsMissed.join(t('notice.review.months_separator')) })] : []),
              notice.collectionRateBp === null
                ? t('kpi.collection.none', { target: notice.collectionTargetPercent })
                : t('notice.review.collection', { rate: percent(notice.collectionRateBp), target: notice.collectionTargetPercent }),
              ...(notice.standing !== null && notice.standing !== undefined ? [t('notice.review.standing', { rank: notice.standing, ranked: notice.ranked })] : []),
            ],
          },
          ...(notice.planDueBy
            ? [
                { type: 'text' as const, text: t('notice.review.plan_due', { due: notice.planDueBy }) },
                { type: 'actions' as const, buttons: [{ label: t('button.plan'), command: '/plan', style: 'primary' as const }] },
              ]
            : []),
        ],
      };
    case 'review_standing':
      return {
        tone: 'info',
        title: t('notice.review_standing.title', { quarter: notice.quarter, count: notice.reviewed }),
        blocks: [
          {
            type: 'list',
            items: notice.items.length
              ? notice.items.map((i) => t('notice.review_standing.item', { rank: i.rank, name: i.name, attainment: percent(i.attainmentBp) }))
              : [t('notice.review_standing.none')],
          },
        ],
      };
    case 'year_bonus':
      return {
        tone: 'info',
        title: t('notice.year_bonus.title', { year: notice.year, count: notice.ranked }),
        blocks: [
          {
            type: 'list',
            items: notice.items.length
              ? notice.items.map((i) =>
                  t(i.bonusFen === null ? 'notice.year_bonus.item_no_salary' : 'notice.year_bonus.item', { rank: i.rank, name: i.name, attainment: percent(i.attainmentBp), multiple: i.multiple, bonus: i.bonusFen === null ? '' : money(i.bonusFen) }),
                )
              : [t('notice.year_bonus.none')],
          },
        ],
      };
    case 'review_retraining':
      return {
        tone: 'warning',
        title: t('notice.review_retraining.title', { quarter: notice.quarter }),
        blocks: [{ type: 'text', text: t('notice.review_retraining.body', { times: notice.times }) }, { type: 'list', items: notice.names }],
      };
    case 'review_team':
      return {
        tone: notice.newClients >= notice.newClientsTarget ? 'success' : 'warning',
        title: t('notice.review_team.title', { region: notice.region, quarter: notice.quarter }),
        blocks: [
          {
            type: 'list',
            items: [
              t('notice.review_team.passed', { passed: notice.passed, reviewed: notice.reviewed }),
              t('kpi.team.new_clients', { count: notice.newClients, target: notice.newClientsTarget }),
              t('notice.review_team.a_clients', { count: notice.newAClients, target: notice.travelFundAClients }),
            ],
          },
          ...(notice.failed.length ? [{ type: 'text' as const, text: t('notice.review_team.failed', { count: notice.failed.length }) }, { type: 'list' as const, items: notice.failed }] : []),
        ],
      };
    case 'conversion_region':
      return {
        tone: notice.neededPerMonth === null && notice.newClients < notice.newClientsTarget ? 'warning' : 'info',
        title: t('notice.conversion.title', { region: notice.region, month: notice.month }),
        blocks: [
          { type: 'text', text: t('notice.conversion.region_total', { signed: notice.signed, leads: notice.leads, rate: rate(t, notice.signed, notice.leads) }) },
          ...(notice.people.length
            ? [{ type: 'list' as const, items: notice.people.map((p) => t('notice.conversion.person', { name: p.name, signed: p.signed, leads: p.leads, rate: rate(t, p.signed, p.leads) })) }]
            : []),
          { type: 'text', text: pace(t, notice.quarter, notice.newClients, notice.newClientsTarget, notice.monthsLeft, notice.neededPerMonth) },
          { type: 'note', text: t('notice.conversion.definition', { month: notice.month }) },
        ],
      };
    case 'conversion_all':
      return {
        tone: 'info',
        title: t('notice.conversion.all_title', { month: notice.month }),
        blocks: [
          {
            type: 'list',
            items: notice.regions.map((r) =>
              t('notice.conversion.region_row', {
                region: r.region,
                signed: r.signed,
                leads: r.leads,
                rate: rate(t, r.signed, r.leads),
                pace: pace(t, notice.quarter, r.newClients, notice.newClientsTarget, notice.monthsLeft, r.neededPerMonth),
              }),
            ),
          },
          { type: 'note', text: t('notice.conversion.definition', { month: notice.month }) },
        ],
      };
    case 'plan_due':
      return {
        tone: 'warning',
        title: t(notice.overdue ? 'notice.plan_due.overdue.title' : 'notice.plan_due.soon.title', { quarter: notice.quarter, person: notice.person }),
        blocks: [
          {
            type: 'text',
            text: notice.toManager
              ? t(notice.overdue ? 'notice.plan_due.manager.overdue' : 'notice.plan_due.manager.soon', { person: notice.person, quarter: notice.quarter, due: notice.dueBy })
              : t(notice.overdue ? 'notice.plan_due.overdue' : 'notice.plan_due.soon', { quarter: notice.quarter, due: notice.dueBy }),
          },
          ...(notice.toManager ? [] : [{ type: 'actions' as const, buttons: [{ label: t('button.plan'), command: '/plan', style: 'primary' as const }] }]),
        ],
      };
    default: {
      const unknown: never = notice;
      throw new Error(`unknown notice ${JSON.stringify(unknown)}`);
    }
  }
}

/** KPI-7: signed ÷ leads as a percentage, or "no leads". */
const rate = (t: Translate, signed: number, leads: number): string => (leads ? percent(Math.floor((signed * 10_000) / leads)) : t('kpi.team.conversion.no_leads'));

/** KPI-7: the quarter's new clients against the target, and what a month it still takes (or how the quarter ended). */
function pace(t: Translate, quarter: string, count: number, target: number, monthsLeft: number, needed: number | null): string {
  const so = { quarter, count, target, needed: needed ?? 0, months: monthsLeft, missing: Math.max(0, target - count) };
  if (needed === null) return t(count >= target ? 'notice.conversion.quarter_met' : 'notice.conversion.quarter_missed', so);
  return t(needed === 0 ? 'notice.conversion.pace_met' : 'notice.conversion.pace', so);
}
