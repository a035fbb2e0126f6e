import type { ContractCard } from '../core/contracts/show-contract.ts';
import type { SignedContract } from '../core/contracts/sign-contract.ts';
import type { RecordedPayment } from '../core/contracts/record-payment.ts';
import { TERM_FIELDS, percentOf, type TermField } from '../core/contracts/terms.ts';
import type { Contract } from '../core/contracts/types.ts';
import type { ContractOnCard } from '../core/notices.ts';
import type { PolicyErrorCode } from '../core/errors.ts';
import type { SubmittedContract } from '../core/contracts/submit-contract.ts';
import type { Locale } from '../core/people.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import { refusalView } from './problem-views.ts';
import type { Block, Button, View } from './view.ts';
import type { ViewContext } from './view-context.ts';

const statusText = (t: Translate, status: string): string => {
  const key = `contract.status.${status}`;
  return hasMessage(key) ? t(key) : status;
};

/** The terms as card fields, shared by the contract card and legal's approval card. */
export function termFields(t: Translate, locale: Locale, c: Pick<Contract, 'amountFen' | 'deliveryDate' | 'paymentMethod' | 'termDays' | 'penaltyBp' | 'signMethod'>) {
  return [
    { label: t('contract.term.amount'), value: formatMoney(c.amountFen, locale) },
    { label: t('contract.term.delivery'), value: c.deliveryDate },
    { label: t('contract.term.method'), value: c.paymentMethod },
    { label: t('contract.term.term'), value: t('contract.term_days', { days: c.termDays }) },
    { label: t('contract.term.penalty'), value: `${percentOf(c.penaltyBp)}%` },
    { label: t('contract.term.sign'), value: t(`contract.sign.${c.signMethod}`) },
  ];
}

/** The fields legal reads on the approval card (CON-2). */
export function contractOnCardFields(t: Translate, contract: ContractOnCard) {
  return [
    { label: t('contract.term.delivery'), value: contract.delivery },
    { label: t('contract.term.method'), value: contract.method },
    { label: t('contract.term.term'), value: t('contract.term_days', { days: contract.termDays }) },
    { label: t('contract.term.penalty'), value: `${contract.penaltyPercent}%` },
    { label: t('contract.term.sign'), value: t(`contract.sign.${contract.signMethod}`) },
  ];
}

/** `/contract <id>`: status, terms, due date, what was paid, and the next step as a button. */
export function contractCardView(ctx: ViewContext, card: ContractCard, lead: Block[] = []): View {
  const { t, locale } = ctx;
  const c = card.contract;
  const outstanding = c.amountFen - card.receivedFen;
  const buttons: Button[] = [];
  if (card.mayAct && (c.status === 'draft' || c.status === 'returned')) buttons.push({ label: t('button.contract_submit'), command: `/contract ${c.id} submit`, style: 'primary' });
  if (card.mayAct && c.status === 'approved') buttons.push({ label: t('button.contract_signed'), command: `/contract ${c.id} signed`, style: 'primary' });
  const blocks: Block[] = [
    ...lead,
    {
      type: 'fields',
      fields: [
        { label: t('contract.field.status'), value: statusText(t, c.status) },
        { label: t('contract.field.deal'), value: `#${c.dealId}` },
        { label: t('contract.field.owner'), value: card.ownerName },
        ...termFields(t, locale, c),
        ...(c.signRef ? [{ label: t('contract.field.sign_ref'), value: c.signRef }] : []),
        { label: t('contract.field.due'), value: c.dueDate },
        ...(c.status === 'signed'
          ? [
              { label: t('contract.field.received'), value: formatMoney(card.receivedFen, locale) },
              { label: t('contract.field.outstanding'), value: formatMoney(outstanding, locale) },
              ...(c.rewardFen !== null ? [{ label: t('contract.field.reward'), value: formatMoney(c.rewardFen, locale) }] : []),
            ]
          : []),
        ...(c.reviewComment ? [{ label: t('contract.field.comment'), value: c.reviewComment }] : []),
      ],
    },
    ...(c.status === 'returned' ? [{ type: 'note' as const, text: t('contract.returned_hint', { deal: c.dealId }) }] : []),
    ...(c.status === 'signed' && outstanding === 0 ? [{ type: 'text' as const, text: t('contract.paid_in_full') }] : []),
    ...(buttons.length ? [{ type: 'actions' as const, buttons }] : []),
  ];
  return {
    tone: c.status === 'returned' ? 'warning' : c.status === 'signed' || c.status === 'approved' ? 'success' : 'info',
    title: t('contract.title', { id: c.id, company: c.companyName }),
    blocks,
  };
}

export function contractDraftedView(ctx: ViewContext, { contract, corrected, ownerName }: { contract: Contract; corrected: boolean; ownerName: string }): View {
  const view = contractCardView(ctx, { contract, ownerName, receivedFen: 0, mayAct: true }, [
    { type: 'text', text: ctx.t(corrected ? 'contract.corrected' : 'contract.drafted', { id: contract.id }) },
  ]);
  return { ...view, tone: 'success' };
}

export function contractSubmittedView(ctx: ViewContext, { contract, ownerName, approverName }: SubmittedContract): View {
  const view = contractCardView(ctx, { contract, ownerName, receivedFen: 0, mayAct: true }, [
    { type: 'text', text: ctx.t('contract.submitted', { id: contract.id, approval: contract.approvalId ?? '', approver: approverName }) },
  ]);
  return { ...view, tone: 'success' };
}

/** Signed: the deal won and the team's new-client reward (INC-1), named. */
export function contractSignedView(ctx: ViewContext, { contract: c, ownerName, grade, rewardPercent }: SignedContract): View {
  const { t, locale } = ctx;
  const lead: Block[] = [
    { type: 'text', text: t('contract.signed', { id: c.id, sign: t(`contract.sign.${c.signMethod}`) }) },
    { type: 'text', text: t('contract.deal_won', { deal: c.dealId }) },
    {
      type: 'text',
      text: c.newClient ? t('contract.reward_new', { grade, percent: rewardPercent, reward: formatMoney(c.rewardFen ?? 0, locale) }) : t('contract.reward_none'),
    },
  ];
  const view = contractCardView(ctx, { contract: c, ownerName, receivedFen: 0, mayAct: true }, lead);
  return { ...view, tone: 'success' };
}

/** `/payment`: what was recorded, received / amount, outstanding and due date; paid in full when so. */
export function paymentRecordedView(ctx: ViewContext, r: RecordedPayment): View {
  const { t, locale } = ctx;
  const money = (fen: number) => formatMoney(fen, locale);
  return {
    tone: 'success',
    title: t('contract.title', { id: r.contract.id, company: r.contract.companyName }),
    blocks: [
      { type: 'text', text: t('payment.recorded', { amount: money(r.payment.amountFen), date: r.payment.paidOn, id: r.contract.id, company: r.contract.companyName }) },
      { type: 'progress', label: t('payment.progress', { received: money(r.receivedFen), total: money(r.contract.amountFen) }), current: r.receivedFen, target: r.contract.amountFen },
      { type: 'text', text: r.paidInFull ? t('contract.paid_in_full') : t('payment.outstanding', { outstanding: money(r.outstandingFen), due: r.contract.dueDate }) },
      { type: 'actions', buttons: [{ label: t('button.contract_view'), command: `/contract ${r.contract.id}` }] },
    ],
  };
}

/**
 * Refusals of the contract commands: CON-1's broken terms as a list, each
 * with its value and the rule; statuses, stages and money in the reader's
 * words; every other code as the shared refusal sentence.
 */
export function contractRefusalView(ctx: ViewContext, code: PolicyErrorCode, details: Record<string, string | number>): View {
  const { t, locale } = ctx;
  if (code === 'contract_terms_broken') return termsBrokenView(t, details);
  const params: Record<string, string | number> = { ...details };
  if (typeof details.status === 'string') {
    const dealStatus = `contract.deal_status.${details.status}`;
    params.status = code === 'deal_not_negotiating' && hasMessage(dealStatus) ? t(dealStatus) : statusText(t, details.status);
  }
  if (code === 'deal_not_negotiating') {
    const stage = `contract.stage.${details.stage}`;
    if (hasMessage(stage)) params.stage = t(stage);
  }
  for (const [key, value] of Object.entries(details)) {
    if (key.endsWith('Fen') && typeof value === 'number') params[key.slice(0, -3)] = formatMoney(value, locale);
  }
  const view = refusalView(t, code, params);
  return CONTRACT_ID_REFUSALS.has(code) ? { ...view, blocks: [...view.blocks, ...contractButton(t, details)] } : view;
}

/** The refusals whose `id` is an existing contract's, worth a button to open it (a deal's id, as in deal_not_found, is not). */
const CONTRACT_ID_REFUSALS = new Set<PolicyErrorCode>(['contract_cannot_submit', 'contract_not_approved', 'contract_not_signed', 'payment_over_amount', 'payment_before_signing']);

const contractButton = (t: Translate, details: Record<string, string | number>): Block[] =>
  typeof details.id === 'number' ? [{ type: 'actions', buttons: [{ label: t('button.contract_view'), command: `/contract ${details.id}` }] }] : [];

function termsBrokenView(t: Translate, details: Record<string, string | number>): View {
  const missing = String(details.missing ?? '')
    .split(',')
    .filter((f): f is TermField => (TERM_FIELDS as readonly string[]).includes(f));
  const example = (field: TermField) => t(`contract.example.${field}` as MessageKey);
  const items = TERM_FIELDS.flatMap((field) => {
    const value = details[`unreadable_${field}`];
    return value === undefined ? [] : [t('contract.breach.unreadable', { field: t(`contract.term.${field}`), value, example: example(field) })];
  });
  items.push(...missing.map((field) => t('contract.breach.missing', { field: t(`contract.term.${field}`), example: example(field) })));
  if (details.termDays !== undefined) items.push(t('contract.breach.term', { termDays: details.termDays, maxDays: details.maxDays ?? '' }));
  if (details.penalty !== undefined) items.push(t('contract.breach.penalty', { penalty: details.penalty, policyPenalty: details.policyPenalty ?? '' }));
  if (details.delivery !== undefined) items.push(t('contract.breach.delivery', { delivery: details.delivery, today: details.today ?? '' }));
  return {
    tone: 'warning',
    refusal: 'contract_terms_broken',
    title: t('refusal.contract_terms_broken', { count: details.count ?? items.length }),
    blocks: [{ type: 'list', items }, { type: 'note', text: t('input.how', { usage: typeof details.deal === 'number' ? t('contract.usage_for_deal', { deal: details.deal }) : t('help.usage.contract') }) }],
  };
}
