import type { DailyProgress } from '../core/leads/progress.ts';
import type { LeadList } from '../core/leads/list-leads.ts';
import type { LeadSaved } from '../core/leads/report-lead.ts';
import type { HeldLeadDecided } from '../core/leads/decide-held-lead.ts';
import type { Translate } from '../i18n/translate.ts';
import { pageOf, pagerBlocks } from './paging.ts';
import type { Block, View } from './view.ts';

export function leadSavedView(t: Translate, saved: LeadSaved): View {
  const { company, progress } = saved;
  return {
    tone: 'success',
    title: t('lead.saved.title'),
    blocks: [
      { type: 'text', text: t('lead.saved.body', { company: company.name, region: company.region }) },
      ...progressBlocks(t, progress),
      ...(saved.targetReached ? [{ type: 'text' as const, text: t('lead.celebrate', { target: progress.target }) }] : []),
      {
        type: 'actions',
        buttons: [
          { label: t('button.leads_today'), command: '/leads today' },
          { label: t('button.client'), command: `/client ${company.name}` },
        ],
      },
    ],
  };
}

/**
 * `/leads [today|week] [page:n]`: PAGE_SIZE leads a page, a table of day, company
 * and region (a week's day runs on to the next page rather than making pages of
 * uneven length); the page shown and Previous / Next when there is more than one.
 */
export function leadListView(t: Translate, list: LeadList, pageNumber = 1): View {
  const title = list.period === 'today' ? t('leads.title.today') : t('leads.title.week', { from: list.from, to: list.to });
  const page = pageOf(list.leads, pageNumber);
  const table: Block = {
    type: 'table',
    columns: [{ label: t('table.leads.date') }, { label: t('table.leads.company') }, { label: t('table.leads.region') }],
    rows: page.items.map((l) => [l.workDate, l.companyName, l.region]),
  };
  return {
    tone: 'info',
    title,
    blocks: [
      ...progressBlocks(t, list.today),
      page.items.length ? table : { type: 'note', text: t('leads.empty') },
      ...pagerBlocks(t, page, (n) => `/leads ${list.period} page:${n}`),
    ],
  };
}

/** `N/5` with a bar on a working day; just the count otherwise. */
export function progressBlocks(t: Translate, p: DailyProgress): Block[] {
  const warning: Block[] = p.calendarKnown ? [] : [{ type: 'note', text: t('calendar.unknown_year_warning', { year: p.date.slice(0, 4) }) }];
  return [...targetBlocks(t, p), ...warning];
}

function targetBlocks(t: Translate, p: DailyProgress): Block[] {
  if (p.target === 0) {
    const key = p.onLeave ? 'lead.progress.on_leave' : p.workingDay ? 'lead.progress.no_role_target' : 'lead.progress.no_target';
    return [{ type: 'note', text: t(key, { count: p.count }) }];
  }
  const missing = p.target - p.count;
  return [
    { type: 'progress', label: t('lead.progress', { count: p.count, target: p.target }), current: p.count, target: p.target },
    ...(missing > 0 ? [{ type: 'note' as const, text: t('lead.remaining', { missing }) }] : []),
  ];
}

/** A manager's decision on a held likely duplicate (LEAD-2), as the manager sees it. */
export function heldLeadDecidedView(t: Translate, decided: HeldLeadDecided): View {
  const { held, company } = decided;
  const params = { id: held.id, company: held.name, reporter: decided.reporter };
  return {
    tone: 'success',
    blocks: [
      { type: 'text', text: t(held.status === 'allowed' ? 'lead.hold.allowed' : 'lead.hold.refused', params) },
      ...(company ? [{ type: 'actions' as const, buttons: [{ label: t('button.client'), command: `/client #${company.id}` }] }] : []),
    ],
  };
}
