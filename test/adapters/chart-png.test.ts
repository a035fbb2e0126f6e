import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, chartPng, chartSvg } from '../../adapters/slack/chart-png.ts';
import type { ChartBlock } from '../../src/bot/face.ts';
import { boxOf, inkIn, readPng } from '../support/png-image.ts';

const board = (title: string): ChartBlock => ({
  type: 'chart',
  kind: 'bar',
  title,
  categories: ['张三', '李四', '王五'],
  series: [
    { name: '2026-11 月度', values: [120.5, 80, 0] },
    { name: '2026Q4 季度', values: [60, 30.2, 0] },
  ],
  unit: '%',
});
/** Where the chart's title is drawn: the top band, clear of the axes. */
const TITLE = { x: 160, y: 0, width: CHART_WIDTH - 320, height: 44 };

describe('a chart drawn as a PNG (Slack)', () => {
  it('is a picture of the chart size, not blank, with its title drawn in ink', async () => {
    const image = readPng(await chartPng(board('华东 排行榜 · 销售目标达成率')));
    expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // Bars, axes and words: a good part of the picture is not background.
    expect(inkIn(image)).toBeGreaterThan(20_000);
    expect(inkIn(image, TITLE)).toBeGreaterThan(300);
  });

  it('draws Chinese as glyphs, not as boxes (tofu): different characters draw differently', async () => {
    // A font without hanzi draws every one of them as the same empty box, so
    // two titles of the same length would give the very same pixels.
    const one = readPng(await chartPng(board('销售目标达成率排行')));
    const other = readPng(await chartPng(board('回款进度新客户数量')));
    expect(inkIn(one, TITLE)).toBeGreaterThan(300);
    expect(boxOf(one, TITLE).equals(boxOf(other, TITLE))).toBe(false);
    // And a character the font has differs from one it lacks (U+E000, private use: always the box).
    const boxes = readPng(await chartPng(board('\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008')));
    expect(boxOf(one, TITLE).equals(boxOf(boxes, TITLE))).toBe(false);
  });

  it('says the chart as SVG text first, titles and names as text, values with their unit', async () => {
    const svg = chartSvg(board('华东 排行榜'));
    expect(svg).toMatch(/^<svg/);
    for (const word of ['华东 排行榜', '张三', '2026Q4 季度', '120.5%']) expect(svg).toContain(word);
  });

  it('draws a changed chart anew and serves the same chart from its cache', async () => {
    const first = await chartPng(board('缓存 A'));
    expect(await chartPng(board('缓存 A'))).toBe(first);
    expect(await chartPng({ ...board('缓存 A'), series: [{ name: '季度', values: [1, 2, 3] }] })).not.toBe(first);
  });

  it('draws a line chart of a trend', async () => {
    const image = readPng(await chartPng({ type: 'chart', kind: 'line', title: '张三 · 近 6 个月', categories: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'], series: [{ name: '达成率', values: [0, 180, 0, 150, 30, 60] }], unit: '%' }));
    expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(inkIn(image, TITLE)).toBeGreaterThan(300);
  });
});
