/**
 * Draws one chart: Vega-Lite → Vega → SVG in Node, with text measured by the real font. Kept
 * apart from render-charts.ts so vega is only imported when a chart is not in the cache.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FontSet } from '../core/fonts.ts';
import { chartHeight, chartWidth, vegaLiteConfigFor } from './chart-theme.ts';
import { textWidth, type AdvanceTable } from './text-metrics.ts';

type MeasureText = (item: { fontSize?: number; fontWeight?: number | string }, text: string) => number;
const textMetrics = (vega as unknown as { textMetrics: { width: MeasureText } }).textMetrics;

// A chart draws only the rows it is given: vega's loader would read `data: { url }` from disk or
// the network. The check rejects such specs (check-specs.ts); this refuses them regardless.
const noLoading = vega.loader();
noLoading.sanitize = async (uri: string) => {
  throw new Error(`charts load no files or URLs (${uri})`);
};

/** `advances`: the table to measure text with and into (out/.cache's, in a build); `fonts`: the edition's (text drawn and measured in Noto Sans SC or TC). */
export async function drawChart(spec: Record<string, unknown>, values: Record<string, unknown>[], description: string, advances: AdvanceTable, fonts: FontSet = 'sc'): Promise<string> {
  // Vega measures text for layout (legends, axis titles, label overlap) through its one global
  // hook; give it real advances, from this build's table. Charts are drawn one after another, and
  // an advance is the same whichever table it is measured into.
  textMetrics.width = (item, text) => textWidth(advances, String(text ?? ''), item.fontSize ?? 10, item.fontWeight ?? 400, fonts);
  const vl = { width: chartWidth, height: chartHeight, ...spec, data: { values }, config: vegaLiteConfigFor(fonts), description } as unknown as TopLevelSpec;
  const { spec: vgSpec } = compile(vl);
  vega.resetSVGDefIds(); // ids restart per chart: the same chart gives the same SVG
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: noLoading });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
