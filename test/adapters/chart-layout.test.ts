import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.ts';
import { renderCard } from '../../adapters/feishu/card.ts';
import { chartElement } from '../../adapters/feishu/chart-spec.ts';
import { renderBlocks } from '../../adapters/slack/block-kit.ts';
import { translator } from '../../src/i18n/translate.ts';
import { chartLines } from '../../src/views/chart-text.ts';
import type { ChartBlock, View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage } from '../fakes/slack-rules.ts';

const t = translator('zh-CN');
const board: ChartBlock = {
  type: 'chart',
  kind: 'bar',
  title: '华东 排行榜 · 销售目标达成率',
  categories: ['赵六', '张三', '孙七'],
  series: [
    { name: '2026-11 月度', values: [200, 60, 0] },
    { name: '2026Q4 季度', values: [40, 30.5, 0] },
  ],
  unit: '%',
};
const trend: ChartBlock = { type: 'chart', kind: 'line', title: '张三 · 近 6 个月销售目标达成率', categories: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'], series: [{ name: '达成率', values: [0, 180, 0, 150, 30, 60] }], unit: '%' };
const view = (...charts: ChartBlock[]): View => ({ tone: 'info', title: '华东 · 2026Q4 团队业绩', blocks: [...charts, { type: 'text', text: '团队' }] });

describe('a chart as text (the console, beside a Slack picture)', () => {
  it('gives one line per category with a bar and the value of each series, 100% a full bar', () => {
    expect(chartLines(board)).toEqual(['赵六  2026-11 月度 ■■■■■■■■■■ 200%  2026Q4 季度 ■■■■□□□□□□ 40%', '张三  2026-11 月度 ■■■■■■□□□□ 60%  2026Q4 季度 ■■■□□□□□□□ 30.5%', '孙七  2026-11 月度 □□□□□□□□□□ 0%  2026Q4 季度 □□□□□□□□□□ 0%']);
    expect(chartLines(trend)[1]).toBe('2026-07  ■■■■■■■■■■ 180%');
  });

  it('is printed by the console under its title', () => {
    const text = renderText(view(trend));
    expect(text).toContain('  张三 · 近 6 个月销售目标达成率\n    2026-06  □□□□□□□□□□ 0%\n    2026-07  ■■■■■■■■■■ 180%');
  });

  it("is in the Slack message as a section Slack takes, the figures in a code block", () => {
    const message = renderBlocks(view(board), t);
    expect(checkMessage(message)).toBeNull();
    const section = message.blocks.find((b: any) => b.text?.text?.includes('排行榜')) as any;
    expect(section.text.text).toBe(`*华东 排行榜 · 销售目标达成率*\n\`\`\`${chartLines(board).join('\n')}\`\`\``);
  });
});

describe('a chart in a Feishu card (card JSON 2.0 chart component)', () => {
  it('is a chart element with a VChart spec of plain data, which Feishu takes', () => {
    const card = renderCard(view(board, trend), t) as any;
    expect(checkCard(card)).toBeNull();
    const [bar, line] = card.body.elements.filter((e: any) => e.tag === 'chart');
    expect(bar.chart_spec).toMatchObject({ type: 'bar', title: { text: board.title }, xField: ['category', 'series'], yField: 'value', seriesField: 'series' });
    expect(bar.chart_spec.data[0].values).toEqual([
      { category: '赵六', series: '2026-11 月度', value: 200 },
      { category: '赵六', series: '2026Q4 季度', value: 40 },
      { category: '张三', series: '2026-11 月度', value: 60 },
      { category: '张三', series: '2026Q4 季度', value: 30.5 },
      { category: '孙七', series: '2026-11 月度', value: 0 },
      { category: '孙七', series: '2026Q4 季度', value: 0 },
    ]);
    expect(line.chart_spec).toMatchObject({ type: 'line', xField: 'category', legends: { visible: false } });
    expect(JSON.stringify(card)).not.toMatch(/function|=>/);
  });

  it('is refused by the fake Feishu as Feishu refuses it: a wrong property, aspect ratio, height or spec, or more than five charts', () => {
    const cardWith = (...elements: unknown[]) => ({ schema: '2.0', body: { elements } });
    const good = chartElement(board);
    expect(checkCard(cardWith(good))).toBeNull();
    expect(checkCard(cardWith({ ...good, width: 'fill' }))?.msg).toContain('chart has unsupported property width');
    expect(checkCard(cardWith({ ...good, aspect_ratio: '3:1' }))?.msg).toContain('aspect_ratio');
    expect(checkCard(cardWith({ ...good, height: '1200px' }))?.msg).toContain('height');
    expect(checkCard(cardWith({ tag: 'chart' }))?.msg).toContain('chart_spec is required');
    expect(checkCard(cardWith({ ...good, chart_spec: { ...(good.chart_spec as object), type: 'bars' } }))?.msg).toContain('not a VChart chart type');
    expect(checkCard(cardWith({ ...good, chart_spec: { type: 'bar' } }))?.msg).toContain('data needs values');
    expect(checkCard(cardWith({ ...good, chart_spec: { ...(good.chart_spec as object), label: { formatMethod: '(v) => v + "%"' } } }))?.msg).toContain('JavaScript');
    expect(checkCard(cardWith(...Array.from({ length: 6 }, () => good)))?.msg).toContain('at most 5 charts');
    expect(checkCard(cardWith(...Array.from({ length: 5 }, () => good)))).toBeNull();
  });
});

describe('the leaderboard chart of a view', () => {
  it('tells two people of one name apart by their ids, since a chart cannot show two equal categories', async () => {
    const { leaderboardChart } = await import('../../src/views/performance-views.ts');
    const { DEFAULT_POLICY } = await import('../../src/core/policy.ts');
    const person = (id: string, name: string) => ({ id, name }) as any;
    const row = (id: string, name: string, bp: number) => ({ person: person(id, name), month: { month: '2026-11', salesFen: 0, targetFen: 1, attainmentBp: bp }, quarterBp: bp });
    const chart = leaderboardChart({ t, locale: 'zh-CN', timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY }, '华东', {
      month: '2026-11',
      quarter: '2026Q4',
      rows: [row('zhangsan', '张三', 5000), row('zhangsan2', '张三', 4000), row('lisi', '李四', 100)],
      ranked: 12,
    });
    expect(chart.categories).toEqual(['张三 (zhangsan)', '张三 (zhangsan2)', '李四']);
    expect(chart.title).toBe('华东 排行榜（前 3 名，共 12 人）· 销售目标达成率');
    expect(chart.series.map((s) => s.values)).toEqual([[50, 40, 1], [50, 40, 1]]);
  });
});
