import { chartPng, chartSvg, svgToPngOffThread } from '../adapters/slack/chart-png.ts';
import type { ChartBlock } from '../src/bot/face.ts';

/**
 * How long drawing a chart takes (Slack's pictures): the ECharts layout to
 * SVG (on the bot's thread) and resvg's PNG (on libuv's pool), each timed over `rounds` charts that differ (no
 * cache), and a chart asked again (from the cache). CPU work on the bot's
 * one thread, done after the reply is sent.
 */
export async function benchChartRender(rounds = 30): Promise<{ svgMs: number; pngMs: number; cachedMs: number; bytes: number }> {
  const chart = (i: number): ChartBlock => ({
    type: 'chart',
    kind: 'bar',
    title: `全部门 排行榜（前 10 名，共 ${20 + i} 人）· 销售目标达成率`,
    categories: ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '冯一', '陈二'],
    series: [
      { name: '2026-11 月度', values: Array.from({ length: 10 }, (_, k) => 150 - k * 12 + i) },
      { name: '2026Q4 季度', values: Array.from({ length: 10 }, (_, k) => 90 - k * 8 + i) },
    ],
    unit: '%',
  });
  await svgToPngOffThread(chartSvg(chart(-1))); // loads the font and warms both libraries
  let svgMs = 0;
  let pngMs = 0;
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const svg = chartSvg(chart(i));
    const t1 = performance.now();
    bytes = (await svgToPngOffThread(svg)).byteLength;
    pngMs += performance.now() - t1;
    svgMs += t1 - t0;
  }
  await chartPng(chart(0));
  const t2 = performance.now();
  for (let i = 0; i < rounds; i++) await chartPng(chart(0));
  return { svgMs: svgMs / rounds, pngMs: pngMs / rounds, cachedMs: (performance.now() - t2) / rounds, bytes };
}
