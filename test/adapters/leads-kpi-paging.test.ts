import { describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/feishu/card.ts';
import { renderBlocks } from '../../adapters/slack/block-kit.ts';
import type { LeadList } from '../../src/core/leads/list-leads.ts';
import type { PersonFigures, TeamFigures } from '../../src/core/performance/figures.ts';
import type { Person } from '../../src/core/people.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { translator } from '../../src/i18n/translate.ts';
import { leadListView } from '../../src/views/lead-views.ts';
import { PAGE_SIZE } from '../../src/views/paging.ts';
import { kpiView } from '../../src/views/performance-views.ts';
import type { View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage } from '../fakes/slack-rules.ts';

const t = translator('zh-CN');
const ctx = { t, locale: 'zh-CN' as const, policy: DEFAULT_POLICY, timezone: 'Asia/Shanghai' };

/** A week of `count` leads with the longest company names, spread over five days. */
const week = (count: number): LeadList => ({
  period: 'week',
  from: '2026-11-30',
  to: '2026-12-06',
  today: { date: '2026-12-01', count: 0, target: 5, workingDay: true, onLeave: false, calendarKnown: true },
  leads: Array.from({ length: count }, (_, i) => ({
    companyId: i + 1,
    companyName: `公司${i + 1}号${'名'.repeat(90)}`,
    region: '华东',
    workDate: `2026-12-0${1 + (i % 5)}`,
    reportedAt: new Date('2026-12-01T02:00:00Z'),
  })),
});

const person = (i: number): PersonFigures =>
  ({
    person: { id: `p${i}`, name: `销售${i}号${'欧阳'.repeat(20)}` } as Person,
    quarter: '2026Q4',
    salesFen: 999_999_999_99,
    salesTargetFen: 1,
    newClients: 3,
    newClientsByMonth: [],
    newClientsMissed: [],
    newClientsPerMonthTarget: 3,
    collection: null,
    collectionTargetPercent: 90,
    attainmentBp: 10_000,
    met: { sales: true, newClients: true, collection: true },
    passed: true,
  }) as unknown as PersonFigures;
const team = (count: number, region: string | null = '华东'): TeamFigures => ({
  quarter: '2026Q4',
  region,
  people: Array.from({ length: count }, (_, i) => person(i + 1)),
  newClients: 3,
  newClientsTarget: 10,
  conversion: [{ month: '2026-10', leads: 10, signed: 2 }],
  newAClients: 1,
  travelFundAClients: 5,
  travelFundAmountFen: 500_000,
});

/** What each platform shows of a view, after the strict fakes accepted it: its text and the commands of its buttons. */
function onBothPlatforms(view: View) {
  const blocks = renderBlocks(view, t);
  const card = renderCard(view, t) as any;
  expect({ slack: checkMessage(blocks), feishu: checkCard(card) }).toEqual({ slack: null, feishu: null });
  return {
    slack: { text: JSON.stringify(blocks), commands: blocks.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.value as string) : [])) },
    feishu: { text: JSON.stringify(card), commands: card.body.elements.filter((e: any) => e.tag === 'button').map((e: any) => e.behaviors[0].value.cmd as string) },
  };
}

/**
 * Follows Next on one platform from page 1 as a person would, returning every
 * row marker (`公司n号` / `销售n号`) seen and the pages visited.
 */
function follow(show: (page: number) => View, platform: 'slack' | 'feishu', marker: RegExp, next: (page: number) => string) {
  const seen = new Set<string>();
  let pages = 0;
  for (let page = 1, more = true; more; page++) {
    const shown = onBothPlatforms(show(page))[platform];
    for (const m of shown.text.matchAll(marker)) seen.add(m[1]!);
    more = shown.commands.includes(next(page + 1));
    pages = page;
    expect(page).toBeLessThanOrEqual(20);
  }
  return { seen, pages };
}

const buttonsOf = (view: View) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('/leads week with a long list', () => {
  it.each([
    [1, 1],
    [PAGE_SIZE, 1],
    [PAGE_SIZE + 1, 2],
    [57, 6],
  ])('shows every one of %i leads by following Next on Slack and on Feishu, in %i pages', (count, pages) => {
    for (const platform of ['slack', 'feishu'] as const) {
      const walk = follow((page) => leadListView(t, week(count), page), platform, /公司(\d+)号/g, (n) => `/leads week page:${n}`);
      expect(walk.seen.size).toBe(count);
      expect(walk.pages).toBe(pages);
    }
  });

  it('has no page line or buttons when exactly ten leads fit on one page', () => {
    const view = leadListView(t, week(PAGE_SIZE));
    expect(JSON.stringify(view)).not.toContain('页：');
    expect(buttonsOf(view).some((b) => b.command.includes('page:'))).toBe(false);
  });

  it('shows the first ten of eleven with the page it is on and a Next button, and the eleventh on page 2 with only Previous', () => {
    const first = leadListView(t, week(PAGE_SIZE + 1));
    expect(JSON.stringify(first)).toContain('第 1/2 页：第 1–10 项，共 11 项。');
    expect(JSON.stringify(first)).not.toContain('公司11号');
    expect(buttonsOf(first).filter((b) => b.command.includes('page:'))).toEqual([{ label: '下一页', command: '/leads week page:2', style: 'primary' }]);
    for (const page of [2, 99]) {
      const last = leadListView(t, week(PAGE_SIZE + 1), page);
      expect(JSON.stringify(last)).toContain('第 2/2 页：第 11–11 项，共 11 项。');
      expect(buttonsOf(last).filter((b) => b.command.includes('page:'))).toEqual([{ label: '上一页', command: '/leads week page:1' }]);
    }
  });

  it('keeps the period in the buttons of /leads today', () => {
    const view = leadListView(t, { ...week(PAGE_SIZE + 1), period: 'today' });
    expect(buttonsOf(view).map((b) => b.command)).toContain('/leads today page:2');
  });
});

describe('/kpi team with a long list', () => {
  it.each([
    [1, 1],
    [PAGE_SIZE, 1],
    [PAGE_SIZE + 1, 2],
    [45, 5],
  ])('shows every one of %i people by following Next on Slack and on Feishu, in %i pages', (count, pages) => {
    for (const platform of ['slack', 'feishu'] as const) {
      const walk = follow((page) => kpiView(ctx, { kind: 'team', team: team(count) } as any, page), platform, /销售(\d+)号/g, (n) => `/kpi team region:华东 quarter:2026Q4 page:${n}`);
      expect(walk.seen.size).toBe(count);
      expect(walk.pages).toBe(pages);
    }
  });

  it('has no page line or buttons when exactly ten people fit on one page', () => {
    const view = kpiView(ctx, { kind: 'team', team: team(PAGE_SIZE) } as any);
    expect(JSON.stringify(view)).not.toContain('页：');
    expect(buttonsOf(view)).toEqual([]);
  });

  it('shows the team totals and the page on every page, the buttons keeping the quarter (and no region for the whole department)', () => {
    for (const page of [1, 2]) {
      const text = JSON.stringify(kpiView(ctx, { kind: 'team', team: team(PAGE_SIZE + 1, null) } as any, page));
      expect(text).toContain(`第 ${page}/2 页`);
      expect(text).toContain('2026-10');
    }
    const first = kpiView(ctx, { kind: 'team', team: team(PAGE_SIZE + 1, null) } as any);
    expect(buttonsOf(first)).toEqual([{ label: '下一页', command: '/kpi team quarter:2026Q4 page:2', style: 'primary' }]);
    const last = kpiView(ctx, { kind: 'team', team: team(PAGE_SIZE + 1, null) } as any, 2);
    expect(buttonsOf(last)).toEqual([{ label: '上一页', command: '/kpi team quarter:2026Q4 page:1' }]);
  });
});
