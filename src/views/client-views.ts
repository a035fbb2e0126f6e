import type { ClientCard } from '../core/clients/show-client.ts';
import type { VisitRecorded } from '../core/clients/record-visit.ts';
import type { FollowUpStatus } from '../core/clients/follow-up.ts';
import { localDate } from '../core/time.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatMoney, formatPhone } from './format.ts';
import type { Block, View } from './view.ts';
import type { ViewContext } from './view-context.ts';

export function clientCardView({ t, locale, timezone }: ViewContext, card: ClientCard): View {
  const { company, contact } = card;
  const override = [...card.gradeHistory].reverse().find((h) => h.source === 'override');
  const grade = !company.grade
    ? t('client.grade.none')
    : company.gradeOverridden && override
      ? t('client.grade.override', { grade: company.grade, reason: override.reason ?? '' })
      : company.grade;
  // CLI-1: a raise waiting for the regional manager is shown beside the grade in effect, never instead of it.
  const pending = card.gradeHistory.find((h) => h.status === 'pending');
  const fields = [
    { label: t('client.grade'), value: grade },
    ...(pending ? [{ label: t('client.grade.pending'), value: t('client.grade.pending.value', { grade: pending.grade }) }] : []),
    {
      label: t('client.purchase'),
      value: company.annualPurchaseFen === null ? t('client.purchase.none') : formatMoney(company.annualPurchaseFen, locale),
    },
    { label: t('client.owner'), value: card.owner?.name ?? company.ownerId },
    { label: t('client.region'), value: company.region },
    { label: t('client.account_manager'), value: card.accountManager?.name ?? t('client.account_manager.none') },
    ...regionalContactFields(t, card.regionalContacts),
    { label: t('client.size'), value: company.size },
    { label: t('client.position'), value: company.position },
    ...(contact
      ? [
          { label: t('client.contact'), value: contact.name },
          ...(contact.phone ? [{ label: t('client.phone'), value: formatPhone(contact.phone) }] : []),
          ...(contact.email ? [{ label: t('client.email'), value: contact.email }] : []),
        ]
      : []),
    ...followUpFields(t, card.followUp),
  ];
  const named = (id: string | null): string => (id === null ? '' : (card.names[id] ?? id));
  const history = card.gradeHistory.map((h) => {
    const line =
      h.source === 'purchase'
        ? t('client.history.purchase', {
            date: localDate(h.changedAt, timezone),
            amount: formatMoney(h.annualPurchaseFen ?? 0, locale),
            grade: h.grade,
            by: named(h.changedBy),
          })
        : t('client.history.override', { date: localDate(h.changedAt, timezone), grade: h.grade, reason: h.reason ?? '', by: named(h.changedBy) });
    // Who confirmed it, or that it waits, was kept at the old grade or was replaced.
    return h.status === 'effective' ? line : `${line} ${t(`client.history.${h.status}`, { by: named(h.decidedBy) })}`;
  });
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (card.contactMasked && contact) blocks.push({ type: 'note', text: t('client.masked') });
  if (history.length) blocks.push({ type: 'text', text: t('client.history') }, { type: 'list', items: history });
  blocks.push({
    type: 'actions',
    buttons: [
      { label: t('button.visit'), command: `/visit ${company.name}` },
      { label: t('button.client_history'), command: `/client ${company.name} history` },
    ],
  });
  return {
    tone: card.followUp.overdue ? 'warning' : 'info',
    title: company.name,
    blocks,
    ...(contact && !card.contactMasked && { sensitive: true }),
  };
}

/** CLI-2: an A-class client's regional manager(s), its contact beside the account manager; nothing for other grades. */
export function regionalContactFields(t: Translate, contacts: readonly { name: string }[]) {
  return contacts.length ? [{ label: t('client.regional_contact'), value: contacts.map((p) => p.name).join(t('client.names_separator')) }] : [];
}

export function visitRecordedView({ t }: ViewContext, visit: VisitRecorded, method: 'phone' | 'onsite'): View {
  return {
    tone: 'success',
    title: t('visit.saved.title'),
    blocks: [
      {
        type: 'text',
        text: t('visit.saved.body', { company: visit.company.name, date: visit.visitDate, method: t(`choice.method.${method}`) }),
      },
      { type: 'fields', fields: followUpFields(t, visit.followUp) },
    ],
  };
}

function followUpFields(t: Translate, f: FollowUpStatus) {
  const next = f.nextVisitDue === null
    ? t('client.next_visit.not_customer')
    : f.overdue
      ? t('client.next_visit.overdue', { date: f.nextVisitDue })
      : f.nextVisitDue;
  return [
    { label: t('client.last_visit'), value: f.lastVisit ?? t('client.last_visit.none') },
    { label: t('client.next_visit'), value: next },
    ...(f.quarterVisits
      ? [{ label: t('client.quarter_visits', { required: f.quarterVisits.required }), value: `${f.quarterVisits.count}/${f.quarterVisits.required}` }]
      : []),
  ];
}
