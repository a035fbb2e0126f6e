import type { HomeSummary } from '../core/home.ts';
import { isReviewed } from '../core/performance/figures.ts';
import { isManagerRole, type Person } from '../core/people.ts';
import type { Translate } from '../i18n/translate.ts';
import { gateText } from './deal-views.ts';
import { progressBlocks } from './lead-views.ts';
import type { View } from './view.ts';

/** The first screen of a person: today's leads and the clients to follow up. */
export function homeView(t: Translate, person: Person, home: HomeSummary): View {
  const due = home.dueClients.map(({ company, followUp: f }) => {
    if (f.overdue && f.nextVisitDue) return t('home.due.overdue', { company, date: f.nextVisitDue });
    if (f.nextVisitDue) return t('home.due.item', { company, date: f.nextVisitDue });
    return t('home.due.quarter', { company, count: f.quarterVisits?.count ?? 0, required: f.quarterVisits?.required ?? 0 });
  });
  return {
    tone: home.dueClients.some((d) => d.followUp.overdue) ? 'warning' : 'info',
    title: t('home.title', { name: person.name }),
    blocks: [
      ...progressBlocks(t, home.progress),
      { type: 'text', text: t('home.due.title') },
      due.length ? { type: 'list', items: due } : { type: 'note', text: t('home.due.none') },
      ...(home.approvals.waitingOnMe.length
        ? [
            { type: 'text' as const, text: t('home.approvals.waiting', { count: home.approvals.waitingOnMe.length }) },
            { type: 'list' as const, items: home.approvals.waitingOnMe.map((a) => `#${a.id} ${a.subject}`) },
          ]
        : []),
      ...(home.approvals.mine.length
        ? [
            { type: 'text' as const, text: t('home.approvals.mine', { count: home.approvals.mine.length }) },
            { type: 'list' as const, items: home.approvals.mine.map((a) => `#${a.id} ${a.subject}`) },
          ]
        : []),
      ...(home.tickets.length
        ? [
            { type: 'text' as const, text: t('home.tickets', { count: home.tickets.length }) },
            { type: 'list' as const, items: home.tickets.map((k) => t('home.tickets.item', k)) },
          ]
        : []),
      ...(home.deals.length
        ? [
            { type: 'text' as const, text: t('home.deals', { count: home.deals.length }) },
            { type: 'list' as const, items: home.deals.map(({ deal, gate }) => t('home.deals.item', { id: deal.id, company: deal.companyName, next: gateText(t, gate) })) },
          ]
        : []),
      {
        type: 'actions',
        buttons: [
          { label: t('button.leads_today'), command: '/leads today' },
          ...(home.approvals.waitingOnMe.length || home.approvals.mine.length ? [{ label: t('button.approvals'), command: '/approvals' }] : []),
          ...(home.deals.length ? [{ label: t('button.deals'), command: '/deals' }] : []),
          // Figures and their charts: one's own, or a manager's team.
          ...(isReviewed(person.role) || isManagerRole(person.role) ? [{ label: t('button.kpi'), command: '/kpi' }] : []),
        ],
      },
      { type: 'note', text: t('home.hint') },
    ],
  };
}
