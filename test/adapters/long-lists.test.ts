import { describe, expect, it } from 'vitest';
import { CARD_MAX_COMPONENTS, componentCount, renderCard } from '../../adapters/feishu/card.ts';
import { LIMITS, renderBlocks } from '../../adapters/slack/block-kit.ts';
import { formModal } from '../../adapters/slack/modal.ts';
import { FORMS, type FormName } from '../../src/commands/registry.ts';
import { issue } from '../../src/grammar/issues.ts';
import { MAX_MESSAGE_CHARS } from '../../src/grammar/read-command.ts';
import type { ApprovalList } from '../../src/core/approvals/decide.ts';
import type { ApprovalRequest } from '../../src/core/approvals/types.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { translator } from '../../src/i18n/translate.ts';
import { approvalListView } from '../../src/views/approval-views.ts';
import { dealListView } from '../../src/views/deal-views.ts';
import type { DealCard } from '../../src/core/deals/deal-card.ts';
import { formView } from '../../src/views/form-view.ts';
import { PAGE_SIZE } from '../../src/views/paging.ts';
import type { View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage, checkView } from '../fakes/slack-rules.ts';
import { manifestApp } from '../fakes/slack-api.ts';

const t = translator('zh-CN');
const ctx = { t, locale: 'zh-CN' as const, timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY };

/** The longest subject a request may have (200 characters, /expense and /promo) and a long requester name. */
const LONGEST_SUBJECT = '展'.repeat(200);
const LONG_NAME = '欧阳'.repeat(25);

const request = (id: number, subject = `第 ${id} 场展会样品`): ApprovalRequest => ({
  id,
  kind: 'expense',
  requesterId: 'zhangsan',
  subject,
  amountFen: 999_999_999_99,
  event: null,
  product: null,
  onDate: null,
  overBenchmark: false,
  eventTotalFen: null,
  status: 'pending',
  currentStep: 1,
  version: 1,
  reason: null,
  createdAt: new Date('2026-12-01T00:00:00Z'),
  decidedAt: null,
  steps: [{ seq: 1, role: 'regional_manager', approverId: 'lisi', status: 'pending', pendingSince: new Date(), decidedBy: null, decidedAt: null, reason: null }],
});
const waiting = (count: number, subject?: string): ApprovalList => ({
  waitingOnMe: Array.from({ length: count }, (_, i) => request(i + 1, subject)),
  mine: [],
  me: 'lisi',
  names: { zhangsan: LONG_NAME, lisi: LONG_NAME },
});

/** Both fakes' verdicts on one view: null when Slack and Feishu accept it. */
const refusals = (view: View) => ({ slack: checkMessage(renderBlocks(view, t)), feishu: checkCard(renderCard(view, t)) });
const texts = (card: any): string => JSON.stringify(card);
const buttonsOf = (view: View) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('/approvals with a long list', () => {
  it.each([1, PAGE_SIZE, PAGE_SIZE + 1, 33, 34, 100])('fits both platforms with %i requests waiting, every row shown with its buttons on some page', (count) => {
    const seen = { slack: new Set<string>(), feishu: new Set<string>() };
    // Follow the Next buttons as a person would, on what each platform actually shows.
    for (let page = 1, next = true; next; page++) {
      const view = approvalListView(ctx, waiting(count), page);
      expect(refusals(view)).toEqual({ slack: null, feishu: null });
      const slack = renderBlocks(view, t).blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.value as string) : []));
      const feishu = (renderCard(view, t) as any).body.elements.filter((e: any) => e.tag === 'button').map((e: any) => e.behaviors[0].value.cmd as string);
      for (const c of slack.filter((c) => c.startsWith('/approvals approve'))) seen.slack.add(c);
      for (const c of feishu.filter((c: string) => c.startsWith('/approvals approve'))) seen.feishu.add(c);
      next = feishu.includes(`/approvals page:${page + 1}`) && slack.includes(`/approvals page:${page + 1}`);
      expect(page).toBeLessThanOrEqual(count);
    }
    expect(seen.slack.size).toBe(count);
    expect(seen.feishu.size).toBe(count);
  });

  it('shows the first ten of 34 with the page it is on and a Next button to page 2', () => {
    const view = approvalListView(ctx, waiting(34));
    expect(buttonsOf(view).filter((b) => b.command.startsWith('/approvals approve'))).toHaveLength(PAGE_SIZE);
    expect(JSON.stringify(view)).toContain('第 1/4 页：第 1–10 项，共 34 项。');
    expect(buttonsOf(view).at(-1)).toMatchObject({ label: '下一页', command: '/approvals page:2' });
    expect(buttonsOf(view).some((b) => b.label === '上一页')).toBe(false);
  });

  it('shows the last four on page 4 with only a Previous button, and the last page for a page past the end', () => {
    for (const page of [4, 99]) {
      const view = approvalListView(ctx, waiting(34), page);
      expect(buttonsOf(view).filter((b) => b.command.startsWith('/approvals approve')).map((b) => b.command)).toEqual([31, 32, 33, 34].map((id) => `/approvals approve ${id}`));
      expect(buttonsOf(view).filter((b) => !b.command.includes('approve') && !b.command.includes('reject'))).toEqual([{ label: '上一页', command: '/approvals page:3' }]);
    }
  });

  it('has no page line or buttons when the list fits on one page', () => {
    const view = approvalListView(ctx, waiting(PAGE_SIZE));
    expect(JSON.stringify(view)).not.toContain('页：');
    expect(buttonsOf(view).some((b) => b.command.includes('page:'))).toBe(false);
  });

  it('fits both platforms with ten requests of the longest subject, amount and names, waiting and mine', () => {
    const list = waiting(25, LONGEST_SUBJECT);
    list.mine = Array.from({ length: 25 }, (_, i) => request(100 + i, LONGEST_SUBJECT));
    for (const page of [1, 2, 3, 4, 5]) expect(refusals(approvalListView(ctx, list, page))).toEqual({ slack: null, feishu: null });
  });
});

const dealCard = (id: number): DealCard => ({
  deal: {
    id,
    companyId: id,
    companyName: '公'.repeat(100),
    ownerId: 'zhangsan',
    region: '华东',
    stage: 2,
    status: 'open',
    amountFen: 999_999_999_99,
    needsAnswers: [],
    needsMethod: null,
    proposal: { products: null, pricing: null, service: null },
    lostReason: null,
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
    closedAt: null,
  },
  owner: null,
  gate: { kind: 'needs', missingQuestions: [1, 2, 3], methodMissing: true, answered: 0, total: 10 },
  needs: { answered: 0, total: 10, missing: [1, 2, 3] },
});

describe('/deals with a long list', () => {
  it('shows 34 deals of the longest company names ten a page, every deal reachable by Next, on both platforms', () => {
    const list = { scope: { kind: 'all' as const }, deals: Array.from({ length: 34 }, (_, i) => dealCard(i + 1)) };
    const shown = new Set<string>();
    for (let page = 1, next = true; next; page++) {
      const view = dealListView(ctx, list, page);
      expect(refusals(view)).toEqual({ slack: null, feishu: null });
      const card = JSON.stringify(renderCard(view, t));
      // Each deal's id is the first cell of its row in the card's table.
      for (const m of card.matchAll(/"c0":"#(\d+)"/g)) shown.add(m[1]!);
      next = card.includes(`/deals page:${page + 1}`);
      expect(page).toBeLessThanOrEqual(4);
    }
    expect(shown.size).toBe(34);
    const first = JSON.stringify(dealListView(ctx, list));
    expect(first).toContain('第 1/4 页：第 1–10 项，共 34 项。');
    expect(first).not.toContain('"#11"');
  });
});

describe('the renderers at the platforms\' limits', () => {
  /** A note is one div and its text: two Feishu components, one Slack block. */
  const notes = (count: number): View => ({ tone: 'info', blocks: Array.from({ length: count }, (_, i) => ({ type: 'note' as const, text: `n${i}` })) });

  it('keep a Feishu card of exactly 200 components whole', () => {
    const card = renderCard(notes(CARD_MAX_COMPONENTS / 2), t) as any;
    expect(componentCount(card.body)).toBe(CARD_MAX_COMPONENTS);
    expect(texts(card)).not.toContain('未显示');
    expect(checkCard(card)).toBeNull();
  });

  it('end a Feishu card one component over with what fits and how many more there are', () => {
    const card = renderCard(notes(CARD_MAX_COMPONENTS / 2 + 1), t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.at(-1).text.content).toBe('另有 2 项未显示，请缩小范围。');
    expect(card.body.elements).toHaveLength(CARD_MAX_COMPONENTS / 2);
  });

  it('show 3,000 list items on Feishu as far as they fit and count the rest exactly', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `第 ${i} 家公司，名称很长很长很长很长`);
    const card = renderCard({ tone: 'info', title: '本周线索', blocks: [{ type: 'list', items }] }, t) as any;
    expect(checkCard(card)).toBeNull();
    const shown = card.body.elements.slice(0, -1).flatMap((e: any) => e.text.content.split('\n')).length;
    expect(card.body.elements.at(-1).text.content).toBe(`另有 ${3000 - shown} 项未显示，请缩小范围。`);
  });

  it('keep a Slack message of exactly 50 blocks whole and end one of 51 with how many more there are', () => {
    expect(renderBlocks(notes(LIMITS.messageBlocks), t).blocks).toHaveLength(LIMITS.messageBlocks);
    const { blocks } = renderBlocks(notes(LIMITS.messageBlocks + 1), t);
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks.at(-1))).toContain('另有 2 项未显示');
    expect(checkMessage({ blocks })).toBeNull();
  });

  it('count list items, not sections, in what Slack leaves out', () => {
    const items = Array.from({ length: 10000 }, (_, i) => `第 ${i} 家公司，名称很长很长很长很长很长`);
    const { blocks } = renderBlocks({ tone: 'info', blocks: [{ type: 'list', items }] }, t);
    const shown = blocks.slice(0, -1).flatMap((b: any) => b.text.text.split('\n')).length;
    expect(JSON.stringify(blocks.at(-1))).toContain(`另有 ${10000 - shown} 项未显示`);
  });

  /** A value for every field of a form: `length` characters of text, or the first choice. */
  const filled = (name: FormName, regions: string[], length: number) =>
    Object.fromEntries(
      (FORMS[name] as readonly { key: string; kind: string; options?: readonly string[] }[]).map((f) => [
        f.key,
        f.kind === 'region' ? (regions[0] as string) : f.kind === 'choice' ? (f.options?.[0] as string) : '字'.repeat(length),
      ]),
    );
  const regions = Array.from({ length: 120 }, (_, i) => `区域${i}`);

  it.each(Object.keys(FORMS) as FormName[])('render the %s form filled in at 500 characters a field as a modal Slack opens and a card Feishu accepts', (name) => {
    const view = formView(t, name, FORMS[name], regions, filled(name, regions, 500));
    expect(checkView(formModal(view.form!, { channel: 'C'.repeat(20) }), 'views.open', manifestApp())).toBeNull();
    expect(checkCard(renderCard(view, t))).toBeNull();
  });

  it.each(Object.keys(FORMS) as FormName[])('render the %s form shown again with 2,000 characters refused in every field, each under its error', (name) => {
    const values = filled(name, regions, MAX_MESSAGE_CHARS);
    const issues = FORMS[name].map((f) => issue('too_long', f.key, { max: 500, length: MAX_MESSAGE_CHARS }));
    const view = formView(t, name, FORMS[name], regions, values, issues);
    expect(checkView(formModal(view.form!, { channel: null }), 'views.open', manifestApp())).toBeNull();
    const card = renderCard(view, t);
    expect(checkCard(card)).toBeNull();
    expect(JSON.stringify(card).match(/⚠/g)?.length).toBe(view.form!.fields.filter((f) => f.error).length);
  });
});
