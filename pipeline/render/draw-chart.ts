/**
 * Draws one chart view: Vega-Lite → Vega → SVG in Node, with text measured by the real font. Kept
 * apart from render-charts.ts so vega is only imported when a chart is not in the cache.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartTheme } from '../check/load-chart-theme.ts';
import type { FontSet } from '../core/fonts.ts';
import { withinBudget, workBudgets } from '../core/work-budget.ts';
import { vegaLiteConfig } from './chart-theme.ts';
import { textWidth, type AdvanceTable } from './text-metrics.ts';

type MeasureText = (item: { fontSize?: number; fontWeight?: number | string }, text: string) => number;
const textMetrics = (vega as unknown as { textMetrics: { width: MeasureText } }).textMetrics;

// A chart draws only the rows it is given: vega's loader would read `data: { url }` from disk or
// the network. The check rejects such specs (check-specs.ts); this refuses them regardless.
const noLoading = vega.loader();
noLoading.sanitize = async (uri: string) => {
  throw new Error(`charts load no files or URLs (${uri})`);
};

// Vega-Lite drops what it cannot draw (a channel a mark lacks, a bad scale) with a console warning
// and draws the rest: the chart would print without it and nobody would know. A warning is the
// spec's error instead, with the chart's file (render-charts.ts: CHART_SPEC).
const refuseWarnings = {
  level() { return refuseWarnings; },
  error(...m: unknown[]): never { throw new Error(m.map(String).join(' ')); },
  warn(...m: unknown[]): never { throw new Error(m.map(String).join(' ')); },
  info() { return refuseWarnings; },
  debug() { return refuseWarnings; },
};

/**
 * `width`: the px the chart prints at (the whole SVG, axes and labels included). `values`: the
 * rows, when the spec does not carry its own (the chart forms put theirs in the spec).
 * `advances`: the table to measure text with and into (out/.cache's, in a build). Returns the SVG
 * and every text the chart draws. `fonts`: the edition's (drawn and measured in Noto Sans SC or TC).
 */
export async function drawChart(spec: Record<string, unknown>, values: Record<string, unknown>[] | undefined, width: number, theme: ChartTheme, description: string, advances: AdvanceTable, fonts: FontSet = 'sc'): Promise<{ svg: string; texts: string[] }> {
  // Vega measures text for layout (legends, axis titles, label overlap) through its one global
  // hook; give it real advances, from this build's table. Charts are drawn one after another, and
  // an advance is the same whichever table it is measured into.
  textMetrics.width = (item, text) => textWidth(advances, String(text ?? ''), item.fontSize ?? 10, item.fontWeight ?? 400, fonts);
  const vl = { height: 160, ...spec, width, ...(values ? { data: { values } } : {}), config: vegaLiteConfig(theme, fonts), description } as unknown as TopLevelSpec;
  vega.resetSVGDefIds(); // ids restart per chart: the same chart gives the same SVG
  // compiling and running the dataflow (transforms, scales, marks: the work a spec can make huge)
  // are synchronous with inline rows: done within the chart's time budget, or stopped (OverBudget)
  let view: vega.View | undefined;
  try {
    withinBudget(workBudgets().chartMs, () => {
      view = new vega.View(vega.parse(compile(vl, { logger: refuseWarnings }).spec), { renderer: 'none', loader: noLoading });
      view.run();
    });
    // what is left is writing the marks computed within the budget as SVG
    const svg = await view!.toSVG();
    return { svg, texts: textsOf((view as unknown as { scenegraph(): { root: SceneNode } }).scenegraph().root) };
  } finally {
    view?.finalize();
  }
}

interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  text?: unknown;
}

/** The texts of the drawn scene (labels, axis labels, titles), from vega's scenegraph rather than the SVG. */
function textsOf(node: SceneNode, out: string[] = []): string[] {
  for (const item of node.items ?? []) {
    if (node.marktype === 'text' && item.text !== undefined) out.push([item.text].flat().map(String).join(' '));
    textsOf(item, out);
  }
  return out;
}
