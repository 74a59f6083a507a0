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
import { bindRows, type Row } from '../model/bind-rows.ts';
import { rangeStyleOf, type RangeStyle } from '../model/vocabulary.ts';
import { convert, convertForDisplay, groupAlike, convertQuantity, countBase, formatQuantity, formatScaledCount, scaleToFamily, unitLabel, unitName } from '../model/format.ts';
import type { UnitTable } from '../model/units.ts';
import { widthNames, widthPx, type ChartTheme, type WidthName } from '../check/load-chart-theme.ts';
import { keyFigures, type KeyFigure } from './key-figures.ts';
import { changesSource, crossesGap, lookOf, markOf, oneScale as panelsShareScale, restPart, unitless, type FormRow } from './chart-forms.ts';
import { vegaLiteConfig } from './chart-theme.ts';
import { textWidth } from './text-metrics.ts';
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import { OverBudget } from '../core/work-budget.ts';
import type { ChartForm, ChartSpec } from '../check/load-specs.ts';
import type { Locale } from '../model/locale.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import { escapeHtml } from '../core/escape.ts';
import { sourceLine } from '../model/source-line.ts';
import { around, wrongToken } from '../core/wrong-output.ts';
import { hashOf, prune, type CachePart } from '../core/cache.ts';
import type { AdvanceTable } from './text-metrics.ts';
import type { FontSet } from '../core/fonts.ts';
import { convertStrings, identity, type Conversion } from '../model/script-conversion.ts';

export interface RenderedChart {
  id: string;
  caption: string;
  /** what the chart shows (measure, years, 口径), under the caption that states its finding */
  subtitle?: string;
  alt: string;
  sourceNote: string;
  /** which drawn form means what (预测值, 约数, a bound's arrow), under the source line: only the forms the chart draws */
  note?: string;
  /** the chart's views, side by side (a small multiple has one per panel); none for a callout */
  svg: string;
  /** the same views as one Vega-Lite spec (theme, rows and each mark's datum: label, unit, year, source), for a live chart */
  live?: Record<string, unknown>;
  /** a key-figure callout: big numbers with their labels, in the text flow */
  callout?: KeyFigure[];
  /** a callout with forecasts: the theme's forecast tint and outline, as CSS properties its figures are drawn with */
  forecastLook?: string;
  /** a callout whose figures are all forecasts says so above them (2025年预测), as an all-forecast chart's unit line does */
  kicker?: string;
  /** the theme's width it prints at */
  width: WidthName;
  /** every datum path drawn in the chart */
  paths: string[];
  /** hash of spec + rows: equal hashes draw equal charts */
  hash: string;
}

/** Rendered charts by hash. */
export type ChartCache = CachePart<RenderedChart>;

/** What else decides a chart's pixels: the theme and the pinned drawing libraries. */
const pinned = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).dependencies as Record<string, string>;
const engine = JSON.stringify([pinned.vega, pinned['vega-lite'], pinned.fontkit]);

/** How an edition's charts differ (issue 16): their text converted (strings given to Vega, never numbers), drawn and measured in its fonts. */
export interface ChartEdition {
  conversion: Conversion;
  fonts: FontSet;
}

/**
 * `advances`: the text-width table charts are measured with (text-metrics.ts), carried from build to build (none: measured afresh).
 * `units`: the report's units, so a panel's counts print in one magnitude (countsInOneUnit); without them, as written.
 * `edition`: another locale's conversion and fonts (issue 16); default the source edition's.
 */
export async function renderCharts(specs: ChartSpec[], nodes: Map<string, DataNode>, locale: Locale, theme: ChartTheme, cache: ChartCache = new Map(), advances: AdvanceTable = new Map(), units?: UnitTable, edition: ChartEdition = { conversion: identity, fonts: 'sc' }): Promise<RenderedChart[]> {
  const diagnostics: Diagnostic[] = [];
  const out: RenderedChart[] = [];
  const text = edition.conversion.convert;
  // a chart's figures print as the prose's and a table's do (one digit-group rule: format.ts); the locale's range style, read once
  const figures: RangeStyle = rangeStyleOf(locale);
  for (const source of specs) {
    // another edition's spec: its words converted (ids, paths and forms are ASCII and stay)
    // (its `source:` stays as written: the source line looks it up among the compiler's own work, then converts the line)
    const spec = edition.conversion === identity ? source : { ...convertStrings(source, text), source: source.source };
    const rows: FormRow[] = [];
    const datums: Datum[] = [];
    /** a row's (named, converted) unit → its unit line's label (人民幣兆元) */
    const unitLines = new Map<string, string>();
    let unbound = false;
    spec.data.forEach((b, entry) => {
      const bound = bindRows(b.from, nodes, figures, b.series);
      if (bound.missing.length) unbound = true;
      for (const p of bound.missing) diagnostics.push(diag('CHART_SPEC', { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
      // a unit is named (万亿元 → 兆元) before its script is converted: the locale's names are keyed by the source's unit
      // (converted first, 万亿元 became 萬億元 and matched no name, so zh-Hant's unit line printed 萬億元)
      const named = (u: string) => text(unitName(u, figures));
      for (const r of bound.rows) if (r.unit) unitLines.set(named(r.unit), text(unitLabel(r.unit, figures)));
      rows.push(...bound.rows.map((source) => [source, convertStrings(source, text)] as const).map(([source, r]) => ({ ...r, ...(source.unit ? { unit: named(source.unit) } : {}), entry, category: spec.labels?.[r.path as string] ?? spec.labels?.[r.key] ?? r.label, ...(spec.highlight?.some((h) => names(h)(r)) ? { highlight: true } : {}), forecast: typeof r.year === 'number' && r.year >= theme.forecast.from })));
      datums.push(...bound.datums);
    });
    // a highlight that names no row would silently draw nothing: said at its line, with the rows it could name
    (unbound ? [] : (spec.highlight ?? [])).forEach((h, i) => {
      if (!rows.some(names(h))) diagnostics.push(namesNoRow(spec, rows, `highlight "${h}"`, ['highlight', i]));
    });
    if (!unbound) checkGroups(spec, rows, diagnostics);
    if (units) countsInOneUnit(rows, datums, units, figures, text);
    for (const span of spec.spans ?? []) joinSpan(rows, span, figures);
    if (spec.form && spec.form !== 'callout') bareLabels(rows);
    annotate(spec, rows, nodes, datums, theme, figures, text, diagnostics);
    if (diagnostics.length) continue;
    // the figures drawn in one chart group their digits alike (a callout's stand apart, each said as the prose says it)
    if (spec.form && spec.form !== 'callout') groupDigitsAlike(rows);
    const allForecast = allForecastWords(rows, theme, figures);
    const multiple = multipleChoice(spec, nodes);
    const hash = hashOf([engine, theme, spec.id, spec.form, spec.width, spec.labels, spec.keep_order, spec.orientation, spec.data.map((b) => b.draw), spec.rest, spec.source, spec.caption, spec.subtitle, spec.note, spec.highlight, spec.changes, spec.targets, spec.limits, spec.groups, spec.alt, spec.spec, rows, multiple, datums.map((d) => d.source), locale.source_line, locale.alt_prefix, locale.alt_series, locale.list_separator, edition.fonts, [...unitLines], allForecast]).slice(0, 16);
    const cached = cache.get(hash);
    if (cached) {
      out.push(cached);
      continue;
    }
    try {
      const { chart, texts } = await renderOne(spec, rows, datums, locale, theme, hash, advances, edition.fonts, text, multiple, unitLines, allForecast);
      const wrong = texts.find((t) => wrongToken(t) !== undefined);
      if (wrong !== undefined) {
        const token = wrongToken(wrong)!;
        diagnostics.push(diag('PRINTS_WRONG', { what: `chart "${spec.id}"`, token, text: around(wrong, token) }, { file: spec.file, line: 1, column: 1 }));
        continue;
      }
      cache.set(hash, chart);
      out.push(chart);
    } catch (e) {
      if (e instanceof OverBudget) diagnostics.push(diag('CHART_TOO_SLOW', { ms: e.ms }, { file: spec.file }));
      else diagnostics.push(diag('CHART_SPEC', { detail: (e as Error).message.split('\n')[0] }, { file: spec.file, cause: e }));
    }
  }
  if (diagnostics.length) throw new BuildError(diagnostics);
  const current = new Set(out.map((c) => c.hash));
  prune(cache, (hash) => current.has(hash)); // keep only the current edition
  return out;
}

async function renderOne(spec: ChartSpec, rows: FormRow[], datums: Datum[], locale: Locale, theme: ChartTheme, hash: string, advances: AdvanceTable, fonts: FontSet, text: (s: string) => string, multiple = false, unitLines = new Map<string, string>(), allForecast?: string): Promise<{ chart: RenderedChart; texts: string[] }> {
  // the caption is the SVG's <title>, read before this <desc> (and joined with it in the tagged PDF's Alt): not repeated here
  // a 100% stack's rest is drawn as a part (其他收入 25%), a bar chart's as a bar, so the alt names it too
  const rest = spec.form === 'stacked-100' || (spec.form === 'bar' && spec.orientation !== 'columns') ? restPart(rows, spec.rest) : undefined;
  const alt = spec.alt ?? `${locale.alt_prefix}${[...rows.map((r) => describeRow(r, locale)), ...(rest ? [`${rest.name} ${rest.display}`] : [])].join(locale.list_separator)}`;
  const sources = [...new Set([...datums.map((d) => d.source), ...(spec.source ? [spec.source] : [])])];
  const width: WidthName = widthNames.find((w) => w === spec.width) ?? 'full';
  const chart = { id: spec.id, caption: spec.caption, ...(spec.subtitle ? { subtitle: spec.subtitle } : {}), alt, width, sourceNote: text(sourceLine(sources, locale)), paths: [...new Set(datums.map((d) => d.path))], hash };
  // the rows of each panel drawn as `draw`
  const drawnAs = (draw: string) => spec.data.flatMap((b, i) => (b.draw === draw ? [rows.filter((r) => r.entry === i)] : []));
  // each line panel's rows: a stretch across years without figures, or between two sources, is said in the note
  const lines = drawnAs('line');
  // slopes of one unit rise at one scale (chart-forms.ts): with no value axis, the note says so (review 49, 3.6)
  const slopes = drawnAs('slope');
  const oneScale = slopes.length > 1 && new Set(slopes.flat().map((r) => r.unit)).size === 1;
  // panels of different units each have their own scale (chart-forms.ts): said too, or equal lengths read as equal values (review 54, 3.2)
  const ownScales = spec.form === 'small-multiples' && spec.data.length > 1 && !panelsShareScale(rows);
  const note = spec.form ? formsNote(rows, spec.form, theme, multiple, spec.note, { gap: lines.some(crossesGap), breaks: lines.some(changesSource), oneScale, ownScales }) : undefined;
  if (spec.form === 'callout') {
    const callout = keyFigures(rows, spec.data.map((b) => b.draw), text(theme.words.earlier), locale.list_separator);
    const forecastLook = callout.some((c) => c.forecast) ? `--forecast-fill: ${theme.forecast.fill}; --forecast-line: ${theme.palette[0]}` : undefined;
    return { chart: { ...chart, svg: '', callout, ...(note ? { note } : {}), ...(allForecast ? { kicker: allForecast } : {}), ...(forecastLook ? { forecastLook } : {}) }, texts: [alt, ...(note ? [note] : []), ...(allForecast ? [allForecast] : []), ...callout.flatMap((c) => [c.display, c.label, ...(c.earlier ? [c.earlier] : [])])] };
  }
  const { drawChart } = await import('./draw-chart.ts');
  const { formPanels } = await import('./chart-forms.ts');
  const px = widthPx(theme, width);
  const panels = spec.form
    ? formPanels(spec.form, rows, { theme, width: px, entries: spec.data.map((b) => b.series), keepOrder: spec.keep_order, groups: groupsOf(spec, rows), columns: spec.orientation === 'columns', draws: spec.data.map((b) => b.draw), rest: spec.rest, allForecast, unitLabel: (u) => unitLines.get(u) ?? u, measure: (text, size) => textWidth(advances, text, size, 400, fonts) })
    : [{ width: px, spec: spec.spec ?? {} }];
  const values = spec.form ? undefined : rows.map(({ path: _path, entry: _e, ...row }) => row);
  const svgs: string[] = [];
  const texts: string[] = [alt];
  for (const [i, p] of panels.entries()) {
    const drawn = await drawChart(p.spec, values, p.width, theme, alt, advances, fonts);
    texts.push(...drawn.texts);
    svgs.push(prefixIds(drawn.svg, panels.length > 1 ? `${spec.id}-${i + 1}` : spec.id));
  }
  const composed = panels.length === 1 ? svgs[0] : panels.some((p) => p.below) ? oneUnderAnother(svgs, px) : sideBySide(svgs, px, panels.map((p) => !!p.apart), theme.axis);
  return { chart: { ...chart, ...(note ? { note } : {}), svg: accessibleSvg(composed, spec.id, spec.caption, alt), live: liveViews(panels, values, rows, theme, fonts) }, texts };
}

/**
 * The drawn views as one spec a browser can draw again: each mark's row gets the datum it shows
 * (matched by its category and series), so a tooltip can give the value with unit, year and source.
 * A small multiple's panel i draws `data:` entry i, and the panels share categories (2023年 in
 * each): a panel's marks are matched among its own entry's rows only.
 */
function liveViews(panels: { width: number; spec: Record<string, unknown>; below?: boolean }[], values: Record<string, unknown>[] | undefined, rows: FormRow[], theme: ChartTheme, fonts: FontSet): Record<string, unknown> {
  const about = (candidates: FormRow[]) => (v: Record<string, unknown>) => {
    const r = candidates.find((row) => (row.category === v.category || row.category === v.name) && (v.series === undefined || row.series === undefined || row.series === v.series)) ?? candidates.find((row) => row.category === v.category || row.category === v.name);
    // `spoken`: the figure with its unit, for a tooltip read without the chart's unit line (35.2%, where the label says 35.2)
    return r ? { label: r.label, series: r.series, value: r.value, display: r.display, spoken: r.spoken ?? r.display, unit: r.unit, year: r.year, source: r.source, ...v } : v;
  };
  const view = (p: { width: number; spec: Record<string, unknown>; below?: boolean }, i: number) => {
    const data = p.spec.data as { values?: Record<string, unknown>[] } | undefined;
    const own = panels.length > 1 && !panels.some((q) => q.below) ? rows.filter((r) => r.entry === i) : rows;
    return { height: 160, ...p.spec, width: p.width, data: { values: (data?.values ?? values ?? []).map(about(own)) } };
  };
  const config = vegaLiteConfig(theme, fonts);
  // a concatenation cannot fit its width (vega-lite sizes it to 0): its panels keep their own widths; a dumbbell's
  // groups draw one list of rows, each panel its own share of them
  if (panels.length === 1) return { ...view(panels[0], 0), config };
  if (panels.some((p) => p.below)) return { vconcat: panels.map((p) => view(p, 0)), spacing: 10, config: { ...config, autosize: { type: 'pad', contains: 'padding' } } };
  return { hconcat: panels.map(view), spacing: 0, config: { ...config, autosize: { type: 'pad', contains: 'padding' } } };
}

/**
 * A panel's counts print in one scale, said once in its unit line (单位：亿人) over bare labels (review
 * 31, #6: 单位：人 over 1.2亿 and 3200万 said two things at once). The scale is the magnitude of the
 * panel's largest count, so no label runs to five digits (review 2.5: never 12,000) and a smaller one
 * keeps the decimals its digits carry (3200万人 → 0.32 under 单位：亿人, reviews 47 and 48: 12,000 and 3,200
 * under 万人 set digit groups the prose never has). The alt text keeps each count as the prose says it.
 */
function countsInOneUnit(rows: FormRow[], datums: Datum[], units: UnitTable, range: RangeStyle, text: (s: string) => string) {
  const byPath = new Map(datums.map((d) => [d.path, d]));
  const counts = rows.flatMap((r, i) => {
    const d = byPath.get(String(r.path));
    return d && formatScaledCount(units, d, d.unit, d.decimals, range) !== undefined ? [{ i, r, d }] : [];
  });
  for (const entry of new Set(counts.map((c) => c.r.entry))) {
    const panel = counts.filter((c) => c.r.entry === entry);
    const size = (c: (typeof panel)[number], v: number) => convert(units, Math.abs(v), c.d.unit, countBase(units, c.d.unit)!);
    const largest = panel.reduce((a, b) => (size(b, b.d.to ?? b.d.value) > size(a, a.d.to ?? a.d.value) ? b : a));
    const target = scaleToFamily(units, largest.d.to ?? largest.d.value, largest.d.unit, largest.d.decimals).unit;
    for (const { i, r, d } of panel) {
      const q = convertQuantity(units, d, d.unit, target);
      const decimals = Math.max(...[d.value, ...(d.to !== undefined ? [d.to] : [])].map((v) => convertForDisplay(units, v, d.unit, target, d.decimals).decimals));
      const unit = unitName(target, range);
      // converted like every other string of the rows (the prose's {{wan}} is converted the same way)
      rows[i] = { ...r, value: q.value, ...(q.to !== undefined ? { to: q.to } : {}), unit: text(unit), display: text(formatQuantity(q, '', decimals, range)), spoken: text(formatScaledCount(units, d, d.unit, d.decimals, range)!) };
    }
  }
}

/** Whether a spec's key (`highlight:`, `changes:`, `targets:`, `limits:`) names this row: by its item key or its data path. */
const names = (key: string) => (r: { path?: unknown; key: string }) => r.path === key || r.key === key;

/** CHART_SPEC at a spec key that names no row of its chart, with the rows it could name. */
function namesNoRow(spec: ChartSpec, rows: FormRow[], what: string, at: (string | number)[]): Diagnostic {
  return diag('CHART_SPEC', { detail: `${what} names no row of this chart`, hint: `Name a row by its item key or data path: ${rows.map((r) => r.key).join(', ')}.` }, { ...spec.at(at), file: spec.file });
}

/**
 * A spec's annotations of its rows: a change labelled beside its row's figure (82.3（+1.5个百分点）,
 * the change's own datum printed by the formatter: review 31, #14), and an upper limit named so in
 * its category (目标（上限）) and drawn as a line. A key that names no row is an error at its line.
 */
function annotate(spec: ChartSpec, rows: FormRow[], nodes: Map<string, DataNode>, datums: Datum[], theme: ChartTheme, range: RangeStyle, text: (s: string) => string, out: Diagnostic[]) {
  const w = theme.words;
  const find = (key: string) => rows.findIndex(names(key));
  for (const [key, path] of Object.entries(spec.changes ?? {})) {
    const i = find(key);
    const d = nodes.get(path);
    if (i < 0) out.push(namesNoRow(spec, rows, `changes: "${key}"`, ['changes', key]));
    if (!isDatum(d)) out.push(diag('CHART_SPEC', { detail: `changes: unknown figure "${path}"` }, { ...spec.at(['changes', key]), file: spec.file, dataPath: path }));
    if (i < 0 || !isDatum(d)) continue;
    datums.push(d);
    const figure = formatQuantity(d, d.unit, d.decimals, range);
    const change = text(d.value > 0 ? w.change_up.replace('{figure}', figure) : figure);
    const r = rows[i];
    rows[i] = { ...r, display: w.change.replace('{figure}', String(r.display)).replace('{change}', change), spoken: w.change.replace('{figure}', String(r.spoken ?? r.display)).replace('{change}', change) };
  }
  for (const kind of ['target', 'limit'] as const) {
    const key = kind === 'target' ? 'targets' : 'limits';
    (spec[key] ?? []).forEach((name, n) => {
      const i = find(name);
      if (i < 0) return void out.push(namesNoRow(spec, rows, `${key}: "${name}"`, [key, n]));
      rows[i] = { ...rows[i], target: kind, mark: text(w[kind].replace('{figure}', String(rows[i].display))) };
    });
  }
}

/**
 * A chart (or callout) whose figures are all forecasts: its words for that (2025年预测), said in its unit
 * line or above its key figures, besides the forecast's one form on every mark (issue 13: one form in every
 * chart; review 49, 3.5: 图4-3 and 图6-1 drawn solid read as actuals beside 图4-1's dashed forecasts).
 * Undefined when any figure is not a forecast.
 */
function allForecastWords(rows: FormRow[], theme: ChartTheme, range: RangeStyle): string | undefined {
  if (!rows.length || !rows.every((r) => r.forecast)) return undefined;
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  return theme.words.forecast_all.replace('{year}', years.length > 1 ? `${years[0]}${range.separator}${years[years.length - 1]}` : String(years[0]));
}

/**
 * A drawn chart says its unit once, in its unit line (单位：%): its labels print the bare figure with
 * its qualifier (35.2, 超过200, 80—100), never the unit again. The alt text keeps the unit (`spoken`).
 */
function bareLabels(rows: FormRow[]) {
  rows.forEach((r, i) => {
    if (r.spoken !== undefined || r.display === undefined || !r.unit) return;
    rows[i] = { ...r, spoken: r.display, display: unitless(String(r.display), r.unit) };
  });
}

/** One digit-group rule for a chart's printed figures (format.ts groupAlike): 12,000 beside 3,200, never beside 3200. */
function groupDigitsAlike(rows: FormRow[]) {
  const printed = rows.map((r) => (r.display === undefined ? undefined : String(r.display)));
  const grouped = groupAlike(printed.map((d) => d ?? ''));
  rows.forEach((r, i) => {
    if (printed[i] !== undefined && grouped[i] !== printed[i]) rows[i] = { ...r, display: grouped[i] };
  });
}

/** A range given as two data (its ends) becomes one row of reading `range`, printed as the prose prints a range. */
function joinSpan(rows: FormRow[], span: { low: string; high: string }, range: RangeStyle) {
  const lo = rows.findIndex((r) => r.key === span.low);
  const hi = rows.findIndex((r) => r.key === span.high);
  if (lo < 0 || hi < 0) return;
  const [a, b] = [rows[lo], rows[hi]];
  const q = { value: a.value!, to: b.value! };
  const decimals = Math.max(...[a.value, b.value].map((v) => String(v).split('.')[1]?.length ?? 0));
  rows[lo] = { ...a, to: b.value, reading: 'range', display: formatQuantity(q, a.unit ?? '', decimals, range) };
  rows.splice(hi, 1);
}

/** Whether the chart draws the answers of a multiple-answer question: a group it is drawn from says `multiple_choice: true`. */
function multipleChoice(spec: ChartSpec, nodes: Map<string, DataNode>): boolean {
  return spec.data.some((b) => [b.from].flat().some((p) => { const n = nodes.get(p); return n?.kind === 'group' && !!n.multipleChoice; }));
}

/**
 * The note under a chart: which drawn form means what (only the forms this chart draws; a stack of
 * parts draws none; a callout only its forecasts' box) and, for a multiple-answer question, that its shares overlap (合计超过100%); the
 * chart's own caveat (its `note:`) first.
 */
function formsNote(rows: FormRow[], form: ChartForm, theme: ChartTheme, multiple = false, caveat?: string, line: { gap: boolean; breaks: boolean; oneScale?: boolean; ownScales?: boolean } = { gap: false, breaks: false }): string | undefined {
  const w = theme.words;
  if (form === 'stacked-100') return caveat ? w.note.replace('{items}', caveat) : undefined;
  const drawn = (look: string) => rows.some((r) => lookOf(r) === look || (look === 'hollow' && r.reading === 'range' && !r.forecast));
  const arrows = form === 'bar' || form === 'small-multiples' || form === 'dumbbell';
  const items = [
    caveat,
    drawn('forecast') ? w.note_forecast[markOf(form)] : undefined,
    drawn('hollow') && form !== 'callout' ? w.note_hollow : undefined, // a key figure prints its qualifier (突破8000亿元)
    arrows && rows.some((r) => r.reading === 'over') ? w.note_over : undefined,
    rows.some((r) => r.target) ? w.note_target : undefined,
    rows.some((r) => r.target === 'limit') ? w.note_limit : undefined,
    form === 'dumbbell' && rows.some((r) => r.reading === 'under') ? w.note_under : undefined,
    multiple ? w.note_multiple : undefined,
    line.gap ? w.note_gap : undefined,
    line.breaks ? w.note_break : undefined,
    line.oneScale ? w.note_one_scale : undefined,
    line.ownScales ? w.note_own_scale : undefined,
  ].filter((i): i is string => !!i);
  return items.length ? w.note.replace('{items}', items.join(w.note_between)) : undefined;
}

/** One value as the alt text says it: the name it is drawn with (its series first), and the figure as printed. */
function describeRow(r: FormRow, locale: Locale): string {
  if (r.display !== undefined) return `${r.series ? locale.alt_series.replace('{series}', r.series) : ''}${r.category} ${r.spoken ?? r.display}`;
  const figures = Object.entries(r).filter(([k]) => k.endsWith('_display')).map(([, v]) => v);
  return `${r.label} ${figures.join(' / ')}`;
}

/** Small multiples: the panels' SVGs in one SVG of the chart's width, spread evenly across it; a panel `apart` (its own scale) after a hairline in the gap before it. */
function sideBySide(svgs: string[], width: number, apart: boolean[] = [], rule = '#e3e3e3'): string {
  const size = (svg: string, attr: string) => Number(new RegExp(`^<svg[^>]*\\s${attr}="([\\d.]+)"`).exec(svg)?.[1] ?? 0);
  const widths = svgs.map((s) => size(s, 'width'));
  const height = Math.max(...svgs.map((s) => size(s, 'height')));
  const gap = svgs.length > 1 ? (width - widths.reduce((a, b) => a + b, 0)) / (svgs.length - 1) : 0;
  let x = 0;
  const placed = svgs.map((s, i) => {
    const at = x;
    x += widths[i] + gap;
    return s.replace(/^<svg/, `<svg x="${Math.round(at)}" y="0"`);
  });
  const rules = widths.flatMap((_, i) => {
    if (!apart[i]) return [];
    const x = Math.round(widths.slice(0, i).reduce((a, b) => a + b, 0) + gap * (i - 0.5)) + 0.5;
    return [`<line class="panel-rule" x1="${x}" y1="0" x2="${x}" y2="${height}" stroke="${rule}" stroke-width="0.75"/>`];
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rules.join('')}${placed.join('')}</svg>`;
}

/** A dumbbell's groups: panels of the chart's width, one under another with a little air between. */
function oneUnderAnother(svgs: string[], width: number, gap = 10): string {
  const height = (svg: string) => Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  let y = 0;
  const placed = svgs.map((s) => {
    const at = y;
    y += height(s) + gap;
    return s.replace(/^<svg/, `<svg x="0" y="${Math.round(at)}"`);
  });
  const total = Math.round(y - gap);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">${placed.join('')}</svg>`;
}

/** A dumbbell's \`groups:\` as the categories of their rows (a group names rows by item key or data path). */
function groupsOf(spec: ChartSpec, rows: FormRow[]): { title: string; categories: string[] }[] | undefined {
  return spec.groups?.map((g) => ({ title: g.title, categories: [...new Set(rows.filter((r) => g.rows.some((k) => names(k)(r))).map((r) => r.category))] }));
}

/** A group key that names no row, and a row in no group (it would not be drawn), each said at the spec's \`groups:\`. */
function checkGroups(spec: ChartSpec, rows: FormRow[], out: Diagnostic[]) {
  if (!spec.groups) return;
  if (spec.form !== 'dumbbell') return void out.push(diag('CHART_SPEC', { detail: 'groups: only a dumbbell splits its rows into groups' }, { ...spec.at(['groups']), file: spec.file }));
  spec.groups.forEach((g, i) => g.rows.forEach((k, j) => {
    if (!rows.some(names(k))) out.push(namesNoRow(spec, rows, `groups: "${k}"`, ['groups', i, 'rows', j]));
  }));
  const grouped = new Set(groupsOf(spec, rows)!.flatMap((g) => g.categories));
  const left = [...new Set(rows.map((r) => r.category))].filter((c) => !grouped.has(c));
  if (left.length) out.push(diag('CHART_SPEC', { detail: `groups: ${left.join(', ')} in no group (it would not be drawn)`, hint: 'Name each row (its item key or data path) in one group.' }, { ...spec.at(['groups']), file: spec.file }));
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

