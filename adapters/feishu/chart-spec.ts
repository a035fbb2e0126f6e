import type { ChartBlock } from '../../src/bot/face.ts';

type Element = Record<string, unknown>;

/**
 * A chart as a Feishu card JSON 2.0 `chart` component: its `chart_spec` is a
 * VChart spec, plain data only (Feishu runs no JavaScript in a card, so no
 * formatter functions: the unit is named in the y axis title instead). One
 * row per category and series; `seriesField` gives each series its colour
 * and its legend entry, and bars of a category stand side by side.
 */
export function chartElement(chart: ChartBlock): Element {
  const values = chart.categories.flatMap((category, i) => chart.series.map((s) => ({ category, series: s.name, value: s.values[i] ?? 0 })));
  const common = {
    title: { visible: true, text: chart.title },
    data: [{ id: 'figures', values }],
    yField: 'value',
    seriesField: 'series',
    legends: { visible: chart.series.length > 1, orient: 'bottom' },
    label: { visible: true },
    axes: [
      { orient: 'left', title: { visible: true, text: chart.unit } },
      { orient: 'bottom', label: { autoRotate: true } },
    ],
  };
  const spec =
    chart.kind === 'bar'
      ? { type: 'bar', ...common, xField: ['category', 'series'] }
      : { type: 'line', ...common, xField: 'category', point: { visible: true } };
  return { tag: 'chart', aspect_ratio: chart.kind === 'bar' && chart.categories.length > 6 ? '4:3' : '16:9', chart_spec: spec };
}
