/**
 * Stage 2, render charts: each Vega-Lite spec in templates/charts is bound to data and rendered
 * to SVG in Node (vega-lite compile → vega View → toSVG), with text measured by the real font.
 * A chart is a pure function of its spec, its rows and the theme, so results are cached by that
 * hash (in memory by the watcher, in out/.cache between builds) and vega is not even loaded
 * when every chart is cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/project.ts';
import { bindRows, type Row } from './bind-rows.ts';
import { rangeStyleOf } from '../model/vocabulary.ts';
import { chartHeight, chartWidth, vegaLiteConfig } from './chart-theme.ts';
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import type { ChartSpec } from '../check/load-specs.ts';
import type { Locale } from '../model/locale.ts';
import type { DataNode, Datum } from '../model/data-model.ts';
import { escapeHtml } from '../core/escape.ts';
import { hashOf, prune, type CachePart } from '../core/cache.ts';
import type { AdvanceTable } from './text-metrics.ts';
import type { FontSet } from '../core/fonts.ts';
import { convertStrings, identity, type Conversion } from '../model/script-conversion.ts';

export interface RenderedChart {
  id: string;
  caption: string;
  alt: string;
  sourceNote: string;
  svg: string;
  /** every datum path drawn in the chart */
  paths: string[];
  /** hash of spec + rows: equal hashes draw equal charts */
  hash: string;
}

/** Rendered charts by hash. */
export type ChartCache = CachePart<RenderedChart>;

/** What else decides a chart's pixels: the theme and the pinned drawing libraries. */
const pinned = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).dependencies as Record<string, string>;
const engine = JSON.stringify([vegaLiteConfig, chartWidth, chartHeight, pinned.vega, pinned['vega-lite'], pinned.fontkit]);

/** `advances`: the text-width table charts are measured with (text-metrics.ts), carried from build to build (none: measured afresh). */
/** How an edition's charts differ: their text converted (strings given to Vega, never numbers), drawn and measured in its fonts. */
export interface ChartEdition {
  conversion: Conversion;
  fonts: FontSet;
}

export async function renderCharts(specs: ChartSpec[], nodes: Map<string, DataNode>, locale: Locale, cache: ChartCache = new Map(), advances: AdvanceTable = new Map(), edition: ChartEdition = { conversion: identity, fonts: 'sc' }): Promise<RenderedChart[]> {
  const diagnostics: Diagnostic[] = [];
  const out: RenderedChart[] = [];
  const text = edition.conversion.convert;
  for (const source of specs) {
    const spec = edition.conversion === identity ? source : { ...source, caption: text(source.caption), alt: source.alt === undefined ? undefined : text(source.alt), spec: convertStrings(source.spec, text) };
    const rows: Row[] = [];
    const datums: Datum[] = [];
    for (const b of spec.data) {
      const bound = bindRows(b.from, nodes, rangeStyleOf(locale), b.series);
      for (const p of bound.missing) diagnostics.push(diag('CHART_SPEC', { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
      rows.push(...bound.rows.map((r) => convertStrings(r, text)));
      datums.push(...bound.datums.map((d) => ({ ...d, source: text(d.source) })));
    }
    if (diagnostics.length) continue;
    const hash = hashOf([engine, spec.id, spec.caption, spec.alt, spec.spec, rows, datums.map((d) => d.source), locale.source_prefix, locale.alt_prefix, locale.list_separator, edition.fonts]).slice(0, 16);
    const cached = cache.get(hash);
    if (cached) {
      out.push(cached);
      continue;
    }
    try {
      const chart = await renderOne(spec, rows, datums, locale, hash, advances, edition.fonts);
      cache.set(hash, chart);
      out.push(chart);
    } catch (e) {
      diagnostics.push(diag('CHART_SPEC', { detail: (e as Error).message.split('\n')[0] }, { file: spec.file, cause: e }));
    }
  }
  if (diagnostics.length) throw new BuildError(diagnostics);
  const current = new Set(out.map((c) => c.hash));
  prune(cache, (hash) => current.has(hash)); // keep only the current edition
  return out;
}

async function renderOne(spec: ChartSpec, rows: Row[], datums: Datum[], locale: Locale, hash: string, advances: AdvanceTable, fonts: FontSet): Promise<RenderedChart> {
  const values = rows.map(({ path: _path, ...row }) => row);
  const alt = spec.alt ?? `${spec.caption}。${locale.alt_prefix}${rows.map(describeRow).join(locale.list_separator)}`;
  const { drawChart } = await import('./draw-chart.ts');
  const svg = await drawChart(spec.spec, values, alt, advances, fonts);
  const sources = [...new Set(datums.map((d) => d.source))];
  return {
    id: spec.id,
    caption: spec.caption,
    alt,
    sourceNote: `${locale.source_prefix}${sources.join(locale.list_separator)}`,
    svg: accessibleSvg(prefixIds(svg, spec.id), spec.id, spec.caption, alt),
    paths: [...new Set(datums.map((d) => d.path))],
    hash,
  };
}

function describeRow(r: Row): string {
  if (r.display !== undefined) return `${r.series ? `${r.series}` : ''}${r.label} ${r.display}`;
  const figures = Object.entries(r).filter(([k]) => k.endsWith('_display')).map(([, v]) => v);
  return `${r.label} ${figures.join(' / ')}`;
}

/** Several charts share one HTML document: their clip-path and gradient ids must not collide. */
function prefixIds(svg: string, id: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${id}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${id}-$1)`).replace(/href="#([^"]+)"/g, `href="#${id}-$1"`);
}

/** Screen readers and tagged PDF get the caption as <title> and the values as <desc>. */
function accessibleSvg(svg: string, id: string, caption: string, alt: string): string {
  return svg.replace(/^<svg([^>]*)>/, (_m, attrs: string) => {
    const clean = attrs.replace(/\s(aria-label|aria-roledescription|role)="[^"]*"/g, '');
    return `<svg${clean} role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeHtml(caption)}</title><desc id="${id}-desc">${escapeHtml(alt)}</desc>`;
  });
}

