/**
 * The live chart's spec: the PDF's spec, size and theme with the same rows, plus tooltips that
 * show a mark's whole row (site.js words it: value, unit, year, source).
 */
import type { ChartSpec } from '../check/load-specs.ts';
import { chartHeight, chartWidth, vegaLiteConfig } from '../render/chart-theme.ts';

export function liveSpec(spec: ChartSpec, rows: Record<string, unknown>[], description: string): Record<string, unknown> {
  return {
    width: chartWidth,
    height: chartHeight,
    ...spec.spec,
    data: { values: rows },
    config: { ...vegaLiteConfig, mark: { tooltip: { content: 'data' } } },
    description,
  };
}
