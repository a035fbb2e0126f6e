import { progressBar } from './format.ts';
import type { ChartBlock } from './view.ts';

/** A chart's value as it is read out: one decimal, its unit after it (85.3%). */
export const chartValue = (value: number, unit: string): string => `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;

/**
 * A chart as text lines, the same figures wherever no picture can be shown
 * (the console, a Slack message beside its image): a bar per value, scaled
 * so that 100% is a full bar for percentages (more is capped), or to the
 * largest value otherwise.
 */
export function chartLines(chart: ChartBlock, width = 10): string[] {
  const all = chart.series.flatMap((s) => s.values);
  const scale = Math.max(chart.unit === '%' ? 100 : 0, ...(chart.unit === '%' ? [] : all), 0);
  const several = chart.series.length > 1;
  return chart.categories.map((category, i) => {
    const parts = chart.series.map((s) => {
      const value = s.values[i] ?? 0;
      return `${several ? `${s.name} ` : ''}${progressBar(Math.max(value, 0), scale, width)} ${chartValue(value, chart.unit)}`;
    });
    return `${category}  ${parts.join('  ')}`;
  });
}
