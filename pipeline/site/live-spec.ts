/**
 * The live chart's spec: the views the PDF drew (render-charts.ts's `live`: theme, size, rows),
 * plus tooltips that show a mark's whole row (site.js words it: value, unit, year, source).
 */
import type { RenderedChart } from '../render/render-charts.ts';

export function liveSpec(chart: RenderedChart, description: string): Record<string, unknown> | undefined {
  if (!chart.live) return undefined;
  const config = chart.live.config as Record<string, unknown>;
  return { ...chart.live, config: { ...config, mark: { ...(config.mark as object), tooltip: { content: 'data' } } }, description };
}
