import type { ClientArchive, NamedArchiveEntry } from '../core/clients/show-archive.ts';
import { localDateTime } from '../core/time.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Locale } from '../core/people.ts';
import { regionalContactFields } from './client-views.ts';
import { formatMoney, formatPhone } from './format.ts';
import { stageName } from './deal-views.ts';
import { pageOf, pagerBlocks } from './paging.ts';
import type { Block, View } from './view.ts';
import type { ViewContext } from './view-context.ts';

/** Lines on one page of an archive: one list block of short lines, well inside Slack's and Feishu's limits. */
export const ARCHIVE_PAGE_SIZE = 20;

/**
 * `/client <company> history` (CLI-3): who looks after the client (owner,
 * account manager, the regional manager as contact of an A-class client),
 * its contact (masked for readers outside the client, SEC-1), and the
 * timeline newest first, twenty lines a page with buttons to the pages
 * either side.
 */
export function clientArchiveView({ t, locale, timezone }: ViewContext, archive: ClientArchive, pageNumber = 1): View {
  const { company, contact } = archive;
  const fields = [
    { label: t('client.grade'), value: company.grade ?? t('client.grade.none') },
    { label: t('client.owner'), value: archive.owner?.name ?? company.ownerId },
    { label: t('client.region'), value: company.region },
    { label: t('client.account_manager'), value: archive.accountManager?.name ?? t('client.account_manager.none') },
    ...regionalContactFields(t, archive.regionalContacts),
    ...(contact
      ? [
          { label: t('client.contact'), value: contact.name },
          ...(contact.phone ? [{ label: t('client.phone'), value: formatPhone(contact.phone) }] : []),
          ...(contact.email ? [{ label: t('client.email'), value: contact.email }] : []),
        ]
      : []),
  ];
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (archive.contactMasked && contact) blocks.push({ type: 'note', text: t('client.masked') });
  if (!archive.insider) blocks.push({ type: 'note', text: t('archive.outsider') });
  if (!archive.entries.length) blocks.push({ type: 'text', text: t('archive.empty') });
  else {
    const page = pageOf(archive.entries, pageNumber, ARCHIVE_PAGE_SIZE);
    blocks.push(
      { type: 'list', items: page.items.map((e) => archiveLine(t, locale, timezone, e)) },
      ...pagerBlocks(t, page, (n) => `/client ${company.name} history page:${n}`),
    );
  }
  blocks.push({ type: 'actions', buttons: [{ label: t('button.client'), command: `/client ${company.name}` }] });
  return {
    tone: 'info',
    title: t('archive.title', { company: company.name }),
    blocks,
    ...(contact && !archive.contactMasked && { sensitive: true }),
  };
}

/** One line: when, what, who. */
export function archiveLine(t: Translate, locale: Locale, timezone: string, entry: NamedArchiveEntry): string {
  const when = localDateTime(entry.at, timezone);
  const by = entry.byName ?? t('archive.by_nobody');
  return t('archive.line', { when, what: eventText(t, locale, entry), by });
}

function eventText(t: Translate, locale: Locale, entry: NamedArchiveEntry): string {
  const e = entry.event;
  const money = (fen: number) => formatMoney(fen, locale);
  const withNote = (text: string, note: string | null) => (note ? t('archive.with_note', { text, note }) : text);
  switch (e.kind) {
    case 'lead':
      return t('archive.lead');
    case 'grade': {
      const text = e.source === 'purchase' ? t('archive.grade.purchase', { amount: money(e.annualPurchaseFen ?? 0), grade: e.grade }) : t('archive.grade.override', { grade: e.grade, reason: e.reason ?? '' });
      return e.status === 'effective' || e.status === 'confirmed' || e.status === 'kept' ? text : `${text} ${t(`client.history.${e.status}`, { by: '' })}`;
    }
    case 'grade_decided':
      return t(`archive.grade_decided.${e.outcome}`, { grade: e.grade });
    case 'account_manager':
      return t('archive.account_manager', { person: entry.personName ?? e.personId });
    case 'visit':
      return withNote(t('archive.visit', { method: t(`choice.method.${e.method}`) }), e.note);
    case 'deal_opened':
      return t('archive.deal_opened', { id: e.dealId, amount: e.amountFen === null ? t('deal.amount.none') : money(e.amountFen) });
    case 'deal_stage':
      return t('archive.deal_stage', { id: e.dealId, stage: e.stage, name: stageName(t, e.stage) });
    case 'deal_lost':
      return withNote(t('archive.deal_lost', { id: e.dealId, stage: e.stage, name: stageName(t, e.stage) }), e.note);
    case 'contract_drafted':
      return t('archive.contract_drafted', { id: e.contractId, amount: money(e.amountFen) });
    case 'contract_submitted':
      return t('archive.contract_submitted', { id: e.contractId });
    case 'contract_reviewed':
      return withNote(t(`archive.contract_reviewed.${e.outcome}`, { id: e.contractId }), e.note);
    case 'contract_signed':
      return t(e.signRef ? 'archive.contract_signed.ref' : 'archive.contract_signed', { id: e.contractId, amount: money(e.amountFen), sign: t(`contract.sign.${e.signMethod}`), ref: e.signRef ?? '' });
    case 'contract_cancelled':
      return t('archive.contract_cancelled', { id: e.contractId });
    case 'payment':
      return t('archive.payment', { id: e.contractId, amount: money(e.amountFen), date: e.paidOn });
    case 'ticket_opened':
      return withNote(t('archive.ticket_opened', { id: e.ticketId }), e.note);
    case 'ticket_responded':
      return t('archive.ticket_responded', { id: e.ticketId });
    case 'ticket_closed':
      return t('archive.ticket_closed', { id: e.ticketId });
    default: {
      const unknown: never = e;
      throw new Error(`unknown archive event ${JSON.stringify(unknown)}`);
    }
  }
}

