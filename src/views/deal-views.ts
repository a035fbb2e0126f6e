import type { DealCard } from '../core/deals/deal-card.ts';
import { gateMet, type Gate } from '../core/deals/gates.ts';
import type { DealList } from '../core/deals/list-deals.ts';
import { FINAL_STAGE, NEEDS_STAGE, PROPOSAL_PARTS, PROPOSAL_STAGE, type Deal } from '../core/deals/types.ts';
import type { PolicyErrorCode } from '../core/errors.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import { refusalView } from './problem-views.ts';
import type { Block, Button, View } from './view.ts';
import { pageOf, pagerBlocks } from './paging.ts';
import type { ViewContext } from './view-context.ts';

/** What just happened, said above the card. */
export type DealEvent = 'opened' | 'moved' | 'needs' | 'proposal' | 'lost' | 'shown';

export const stageName = (t: Translate, stage: number): string => t(`deal.stage.${stage}` as MessageKey);

const partNames = (t: Translate, parts: readonly string[]): string =>
  parts.map((p) => t(`field.${p}` as MessageKey)).join(t('deal.part.separator'));

/** The needs gate's missing pieces as one phrase: the question numbers and/or the method. */
function needsMissing(t: Translate, g: { questions: string; answered: number | string; total: number | string; methodMissing: boolean }): string {
  const parts = [
    ...(g.questions ? [t('deal.missing.questions', { questions: g.questions, answered: g.answered, total: g.total })] : []),
    ...(g.methodMissing ? [t('deal.missing.method')] : []),
  ];
  return parts.join(t('deal.missing.separator'));
}

/** One sentence: what stands between the deal and its next stage. */
export function gateText(t: Translate, gate: Gate): string {
  switch (gate.kind) {
    case 'open':
      return t('deal.next.open');
    case 'needs': {
      const missing = needsMissing(t, { questions: gate.missingQuestions.join(', '), answered: gate.answered, total: gate.total, methodMissing: gate.methodMissing });
      return missing ? t('deal.next.needs', { missing }) : t('deal.next.needs.done');
    }
    case 'proposal':
      return gate.missingParts.length ? t('deal.next.proposal', { missing: partNames(t, gate.missingParts) }) : t('deal.next.proposal.done');
    case 'contract':
      if (gate.signed) return t('deal.next.contract.done', { contract: gate.signed.id });
      return gate.inProgress
        ? t('deal.next.contract.in_progress', { contract: gate.inProgress.id, status: contractStatus(t, gate.inProgress.status) })
        : t('deal.next.contract');
    case 'closed':
      return t('deal.next.closed');
  }
}

const contractStatus = (t: Translate, status: string): string => {
  const key = `deal.contract_status.${status}`;
  return hasMessage(key) ? t(key) : status;
};

const dealStatus = (t: Translate, status: string): string => {
  const key = `deal.status.${status}`;
  return hasMessage(key) ? t(key) : status;
};

/** A refusal about a deal, its language-neutral details put into the reader's words first. */
export function dealRefusalView(t: Translate, code: PolicyErrorCode, details: Record<string, string | number>): View {
  const params = { ...details };
  if (code === 'deal_needs_incomplete') {
    params.missing = needsMissing(t, {
      questions: String(details.questions ?? ''),
      answered: details.answered ?? '',
      total: details.total ?? '',
      methodMissing: details.method === 'missing',
    });
  }
  if (code === 'deal_proposal_incomplete') params.missing = partNames(t, String(details.parts ?? '').split(',').filter(Boolean));
  if (code === 'deal_contract_in_progress') params.status = contractStatus(t, String(details.status));
  if (code === 'deal_closed') params.status = dealStatus(t, String(details.status));
  return refusalView(t, code, params);
}

/** The buttons a deal's card offers: only what can be done at its stage. */
function dealButtons(t: Translate, deal: Deal): Button[] {
  if (deal.status !== 'open') return [];
  return [
    // The stage shown rides along, so a second press of an old card moves nothing.
    { label: t('button.deal_next'), command: `/deal ${deal.id} next ${deal.stage}`, style: 'primary' },
    ...(deal.stage <= NEEDS_STAGE ? [{ label: t('button.deal_needs'), command: `/deal ${deal.id} needs` }] : []),
    ...(deal.stage <= PROPOSAL_STAGE && deal.stage > NEEDS_STAGE ? [{ label: t('button.deal_proposal'), command: `/deal ${deal.id} proposal` }] : []),
    { label: t('button.deal_lost'), command: `/deal ${deal.id} lost`, style: 'danger' },
  ];
}

/**
 * The pipeline's replies (PIPE-1..4): the deal card with its stage as N/5,
 * what the next stage still needs, and buttons for what can be done next.
 */
export function dealCardView({ t, locale }: ViewContext, card: DealCard, event: DealEvent = 'shown'): View {
  const { deal } = card;
  const blocks: Block[] = [];
  const headline = eventText(t, card, event);
  if (headline) blocks.push({ type: 'text', text: headline });
  blocks.push({ type: 'progress', label: t('deal.progress', { stage: deal.stage, name: stageName(t, deal.stage) }), current: deal.stage, target: FINAL_STAGE });
  const written = PROPOSAL_PARTS.filter((p) => deal.proposal[p]?.trim());
  blocks.push({
    type: 'fields',
    fields: [
      { label: t('deal.amount'), value: deal.amountFen === null ? t('deal.amount.none') : formatMoney(deal.amountFen, locale) },
      { label: t('deal.owner'), value: card.owner?.name ?? deal.ownerId },
      { label: t('deal.status'), value: dealStatus(t, deal.status) },
      { label: t('deal.needs'), value: t('deal.needs.value', { answered: card.needs.answered, total: card.needs.total }) },
      { label: t('deal.proposal'), value: written.length ? t('deal.proposal.value', { parts: partNames(t, written) }) : t('deal.proposal.none') },
      ...(deal.lostReason ? [{ label: t('deal.lost_reason'), value: deal.lostReason }] : []),
    ],
  });
  if (event === 'needs' && deal.status === 'open' && deal.stage <= NEEDS_STAGE) blocks.push(...needsProgressBlocks(t, card));
  else if (deal.status === 'open') blocks.push({ type: 'note', text: gateText(t, card.gate) });
  const buttons = dealButtons(t, deal);
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  const tone = deal.status === 'lost' ? 'warning' : deal.status === 'won' || event !== 'shown' ? 'success' : 'info';
  return { tone, title: t('deal.title', { id: deal.id, company: deal.companyName }), blocks };
}

function eventText(t: Translate, { deal }: DealCard, event: DealEvent): string | null {
  switch (event) {
    case 'opened':
      return t('deal.opened', { id: deal.id, company: deal.companyName });
    case 'moved':
      return deal.status === 'won'
        ? t('deal.won', { id: deal.id, company: deal.companyName })
        : t('deal.moved', { id: deal.id, stage: deal.stage, name: stageName(t, deal.stage) });
    case 'needs':
      return null;
    case 'proposal':
      return t('deal.proposal.saved');
    case 'lost':
      return t('deal.lost.saved', { id: deal.id, company: deal.companyName, reason: deal.lostReason ?? '' });
    case 'shown':
      return null;
  }
}

/** After a needs submission: how many of 10 are answered and which remain (PIPE-2). */
function needsProgressBlocks(t: Translate, { deal, needs }: DealCard): Block[] {
  const lines = [t('deal.needs.saved', { answered: needs.answered, total: needs.total })];
  if (needs.missing.length) lines.push(t('deal.needs.remaining', { questions: needs.missing.join(', ') }));
  if (!deal.needsMethod) lines.push(t('deal.needs.method_missing'));
  if (!needs.missing.length && deal.needsMethod) lines.push(t('deal.needs.complete', { id: deal.id }));
  return [
    { type: 'progress', label: lines[0]!, current: needs.answered, target: needs.total },
    ...lines.slice(1).map((text) => ({ type: 'text' as const, text })),
  ];
}

/**
 * `/deals [page:n]`: PAGE_SIZE deals a page as a table (id, client, stage, amount, what the next gate needs),
 * with the page shown and Previous / Next buttons when there is more than one, and buttons for the moves that are ready.
 */
export function dealListView({ t, locale }: ViewContext, list: DealList, pageNumber = 1): View {
  const title =
    list.scope.kind === 'all' ? t('deals.title.all') : list.scope.kind === 'region' ? t('deals.title.region', { region: list.scope.region }) : t('deals.title.mine');
  if (!list.deals.length) return { tone: 'info', title, blocks: [{ type: 'text', text: t('deals.empty') }] };
  const page = pageOf(list.deals, pageNumber);
  const table: Block = {
    type: 'table',
    columns: [
      { label: t('table.id') },
      { label: t('table.deals.company') },
      { label: t('table.deals.stage') },
      { label: t('table.amount'), align: 'right' },
      { label: t('table.deals.next') },
    ],
    rows: page.items.map(({ deal, gate }) => [
      `#${deal.id}`,
      deal.companyName,
      t('table.deals.stage_value', { stage: deal.stage, name: stageName(t, deal.stage) }),
      deal.amountFen === null ? t('deal.amount.none') : formatMoney(deal.amountFen, locale),
      gateText(t, gate),
    ]),
  };
  // The most useful next action per deal of the page: move on when the gate is met, fill the checklist when that is what is missing.
  const buttons: Button[] = page.items
    .flatMap(({ deal, gate }): Button[] => {
      if (gateMet(gate)) return [{ label: t('button.deal_next_of', { id: deal.id }), command: `/deal ${deal.id} next ${deal.stage}`, style: 'primary' }];
      if (gate.kind === 'needs') return [{ label: t('button.deal_needs_of', { id: deal.id }), command: `/deal ${deal.id} needs` }];
      if (gate.kind === 'proposal') return [{ label: t('button.deal_proposal_of', { id: deal.id }), command: `/deal ${deal.id} proposal` }];
      return [{ label: t('button.deal_open', { id: deal.id }), command: `/deal ${deal.id}` }];
    })
    .slice(0, 5);
  return { tone: 'info', title, blocks: [table, { type: 'actions', buttons }, ...pagerBlocks(t, page, (n) => `/deals page:${n}`)] };
}

