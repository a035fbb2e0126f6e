import { fileURLToPath } from 'node:url';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartBlock } from '../../src/bot/face.ts';

/**
 * A chart drawn as a PNG on the server, for platforms that show pictures but
 * draw no charts themselves (Slack): ECharts lays the chart out as SVG (its
 * server-side renderer, no canvas, no browser), resvg draws the SVG into
 * pixels. resvg reads only the font files it is given: the Noto Sans SC
 * subset shipped in assets/fonts, so Chinese reads as Chinese on any machine,
 * with or without fonts of its own (without it, every hanzi is an empty box).
 */
export const CHART_FONT_FILE = fileURLToPath(new URL('../../assets/fonts/NotoSansSC-Regular-subset.otf', import.meta.url));
export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';
export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;

const COLORS = ['#3370ff', '#34c724', '#ff8800', '#f54a45', '#7f3bf5'];

/** The ECharts option of a chart: plain data, no animation (nothing moves on a server). */
export function echartsOption(chart: ChartBlock): echarts.EChartsOption {
  const percent = chart.unit === '%';
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: COLORS,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: { text: chart.title, left: 'center', top: 12, textStyle: { fontSize: 20, fontFamily: CHART_FONT_FAMILY } },
    legend: { show: chart.series.length > 1, bottom: 8, textStyle: { fontSize: 14, fontFamily: CHART_FONT_FAMILY } },
    grid: { left: 64, right: 32, top: 64, bottom: chart.series.length > 1 ? 72 : 48, containLabel: true },
    xAxis: { type: 'category', data: chart.categories, axisLabel: { fontSize: 14, interval: 0, rotate: chart.categories.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: chart.unit, axisLabel: { fontSize: 13 }, ...(percent && { min: 0 }) },
    series: chart.series.map((s) => ({
      name: s.name,
      type: chart.kind,
      data: s.values,
      label: { show: true, position: 'top', fontSize: 12, formatter: percent ? '{c}%' : '{c}' },
      ...(chart.kind === 'line' && { symbolSize: 8, lineStyle: { width: 3 } }),
      // 100% is the target: a dashed line there says at a glance who met it.
      ...(percent && s === chart.series[0] && { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#8f959e' }, data: [{ yAxis: 100 }] } }),
    })),
  };
}

/** The chart as SVG text, as ECharts' server-side renderer writes it. */
export function chartSvg(chart: ChartBlock, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(echartsOption(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** resvg with the shipped font only: the same picture on every machine. */
const RESVG_OPTIONS: ResvgRenderOptions = { font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY }, background: '#ffffff' };

/** Any SVG as a PNG, on this thread (the README's pictures, the benchmark). */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, RESVG_OPTIONS).render().asPng();
}

/**
 * The same on a thread of libuv's pool: turning text into outlines and
 * rasterising is most of a chart's CPU time, and the bot's own thread must
 * stay free to answer other requests within Slack's 3 seconds meanwhile.
 */
export async function svgToPngOffThread(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, RESVG_OPTIONS)).asPng();
}

/**
 * Drawing takes tens of milliseconds of CPU: the same chart asked again (a
 * manager looking twice, a page of the same team) is served from here.
 * Keyed by the chart's whole content, so a changed figure is drawn anew.
 */
const CACHE_SIZE = 32;
/** Promises, so that two asking for the same chart at once share one drawing. */
const cache = new Map<string, Promise<Buffer>>();

export function chartPng(chart: ChartBlock): Promise<Buffer> {
  const key = JSON.stringify(chart);
  const known = cache.get(key);
  if (known) {
    // Most recently used last: the oldest is the first to go.
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const png = (async () => svgToPngOffThread(chartSvg(chart)))();
  cache.set(key, png);
  // A drawing that failed is not kept: the next asking draws it again.
  png.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return png;
}
