/**
 * The chart forms: each a Vega-Lite spec built from the rows and the theme, so the right chart
 * for the data is one line in a chart file (`form: bar`). A form is drawn at the width it prints
 * at; labels are direct (at the bar, the point, the line's end) and print figures as the prose
 * does (the rows' `display`, from model/format.ts). Approximate, open-ended and range figures are
 * drawn as such, and forecasts in the theme's one form.
 */
import { pxPerPt, type ChartTheme } from '../check/load-chart-theme.ts';
import type { ChartForm, Draw } from '../check/load-specs.ts';
import { formatValue } from '../model/format.ts';
import type { Row } from '../model/bind-rows.ts';
import { labelledDomain, valueAxis } from './chart-scale.ts';

/** A bound row as the forms see it. */
export interface FormRow extends Row {
  /** which `data:` entry it came from: a small multiple's panel, a series' order */
  entry: number;
  category: string;
  forecast: boolean;
  /** it carries the chart's message (the spec's `highlight:`): drawn in the theme's highlight */
  highlight?: boolean;
  /** the figure with its unit, for the alt text, where the label prints a bare number under the unit line */
  spoken?: string;
  /** a target (the spec's `targets:`) or an upper limit (`limits:`): drawn as a line across the panel's bars, not a bar, named at its top (`mark`) */
  target?: 'target' | 'limit';
  /** a target's words at the top of its line (目标30, 上限10) */
  mark?: string;
  /** what the other rows, shares of one whole, leave of it (the spec's `rest:`): drawn last, in the light tone */
  rest?: boolean;
}

export interface FormOptions {
  theme: ChartTheme;
  /** px the chart prints at */
  width: number;
  /** `data:` entries' series (or panel titles), in order */
  entries: (string | undefined)[];
  keepOrder?: boolean;
  /** vertical bars (a chart's \`orientation: columns\`): the categories, years, run left to right */
  columns?: boolean;
  /** small multiples: how each \`data:\` entry's panel is drawn (\`line\`: a line over its years; \`slope\`: two figures as a slope graph; else bars or columns) */
  draws?: (Draw | undefined)[];
  rest?: string;
  /** px width of a text at a px font size, in the real font */
  measure: (text: string, px: number) => number;
  /** every figure is a forecast: the words for it (2025年预测), said in every unit line */
  allForecast?: string;
  /** the unit line's name of a unit (zh-Hant: 人民幣元/人); the unit as the rows print it otherwise */
  unitLabel?: (unit: string) => string;
  /** dumbbell: its categories split by theme into titled panels, stacked (a chart's \`groups:\`) */
  groups?: { title: string; categories: string[] }[];
}

/** One drawn view: a small multiple has one per panel. */
export interface Panel {
  width: number;
  spec: Record<string, unknown>;
  /** a small multiple's panel on a scale of its own: set apart from the one before by a hairline, so unrelated scales do not read as one (review 31, #8) */
  apart?: boolean;
  /** a panel stacked under the one before (a dumbbell's groups), not beside it */
  below?: boolean;
}

type Spec = Record<string, unknown>;

const px = (pt: number) => Math.round(pt * pxPerPt * 100) / 100;

export function formPanels(form: Exclude<ChartForm, 'callout'>, rows: FormRow[], o: FormOptions): Panel[] {
  switch (form) {
    case 'bar': {
      // shares of one whole name what they leave (`rest:`), a bar of its own, last and light (review 61: 图2-1's
      // five platforms drew 82.3% of the market with no word of the 17.7% beside them)
      const rest = restPart(rows, o.rest);
      const all = rest && !o.columns ? [...rows, { ...rows[0], category: rest.name, value: rest.value, display: rest.bare, reading: 'exact' as const, to: undefined, forecast: false, highlight: false, target: undefined, mark: undefined, rest: true }] : rows;
      return [{ width: o.width, spec: o.columns ? columns(rows, o, o.width) : bars(all, o, o.width, undefined, labelColumn(o)) }];
    }
    case 'small-multiples': {
      const n = o.entries.length;
      const gap = Math.round(6 * (96 / 25.4));
      const panel = (i: number) => rows.filter((r) => r.entry === i);
      const isLine = (i: number) => o.draws?.[i] === 'line';
      const isSlope = (i: number) => o.draws?.[i] === 'slope';
      // lines over years stand on one year axis, their own years only: a year without a figure is an empty slot, not
      // closed up, so an uneven series reads as uneven (review 33, 3.1); columns beside them stand together at their
      // panel's left, without the line's empty years (review 35, 3.2: two columns in the right third of a 2019–2024 axis)
      const years = yearSpan(rows.filter((r) => isLine(r.entry)));
      // a panel of columns beside a line is as wide as its columns and titles; the other panels share the rest
      const fitted = (i: number) => !!o.columns && !isLine(i) && !isSlope(i) && o.entries.some((_, j) => isLine(j));
      const own = o.entries.map((title, i) => (fitted(i) ? columnsWidth(panel(i), o, title) : 0));
      const rest = o.entries.filter((_, i) => !fitted(i)).length;
      const w = Math.floor((o.width - gap * (n - 1) - own.reduce((a, b) => a + b, 0)) / Math.max(rest, 1));
      const widthOf = (i: number) => (fitted(i) ? own[i] : w);
      const oneUnit = oneScale(rows);
      // bars on one scale also share one label column, so their plots are as wide and 40 is as long in each (图5-2's
      // short labels gave its third panel a wider plot: 3.50 px per % against 2.89, review 37)
      const barRows = rows.filter((r) => !isSlope(r.entry) && !isLine(r.entry));
      const column = oneUnit && !o.columns && barRows.length ? Math.max(...barRows.map((r) => Math.ceil(o.measure(r.category, px(o.theme.font_pt))) + 6)) : 0;
      const end = (i: number) => (o.columns || isLine(i) ? columnValues(panel(i), o).end : barValues(panel(i), o, w, column).end);
      const shared = oneUnit ? Math.max(...o.entries.map((_, i) => (isSlope(i) ? 0 : end(i)))) : undefined;
      // slopes of one unit rise at one scale (a 1.5-point change half as steep as a 3.2-point one), their labels at one inset
      const slopes = o.entries.map((_, i) => i).filter(isSlope);
      const rise = (unit: string | undefined) => Math.max(...slopes.filter((i) => panel(i)[0]?.unit === unit).map((i) => spread(panel(i))));
      const inset = slopeInset(slopes.flatMap(panel), o);
      // every panel has a unit line (blank without a unit), so the bars of all panels start level
      const draw = (i: number) => (isSlope(i) ? slope(panel(i), o, w, rise(panel(i)[0]?.unit), inset) : isLine(i) ? trend(panel(i), o, w, years!, shared) : o.columns ? columns(panel(i), o, widthOf(i), shared) : bars(panel(i), o, w, shared, column, shared === undefined));
      return o.entries.map((title, i) => ({ width: widthOf(i), spec: { ...draw(i), ...unitTitle(panel(i), o, title) }, ...(i > 0 && shared === undefined ? { apart: true } : {}) }));
    }
    case 'grouped-bar':
      return [{ width: o.width, spec: grouped(rows, o) }];
    case 'stacked-100':
      return [{ width: o.width, spec: stacked(rows, o) }];
    case 'dumbbell': {
      if (!o.groups?.length) return [{ width: o.width, spec: dumbbell(rows, o) }];
      // a panel per theme, stacked on one scale (unrelated denominators are not set on one axis as one list: review 35,
      // 3.6), each titled, its rows by their change, largest first; the series named under the first panel's top row
      const max = Math.max(...rows.map((r) => r.to ?? r.value ?? 0));
      const same = oneScale(rows);
      // one label column for every panel, as wide as the longest label of any (zh-Hant's 領導品牌微信等小程式商城GMV占比
      // widened its own panel's column only, and its scale no longer stood under the others')
      const column = Math.max(labelColumn(o), ...rows.map((r) => Math.ceil(o.measure(r.category, px(o.theme.font_pt))) + 6));
      const change = (c: string) => {
        const vs = rows.filter((r) => r.category === c).sort((a, b) => a.entry - b.entry).map((r) => r.value ?? 0);
        return vs[vs.length - 1] - vs[0];
      };
      return o.groups.map((g, i) => {
        const order = [...g.categories].sort((a, b) => change(b) - change(a));
        const own = order.flatMap((c) => rows.filter((r) => r.category === c));
        // one scale, read once: its unit line over the first panel's title, its figures and ticks under the last, a
        // plain rule under the others (review 60: three panels repeated 单位：% and 0–80 as if three charts; review 61)
        const [first, last] = [i === 0, i === o.groups!.length - 1];
        return { width: o.width, spec: { ...dumbbell(own, o, max, first, column, !same || last), ...unitTitle(own, o, g.title, same ? (first ? 'first' : 'below') : undefined) }, ...(i > 0 ? { below: true } : {}) };
      });
    }
    case 'line':
      return [{ width: o.width, spec: line(rows, o) }];
  }
}

/**
 * The unit as a horizontal line above the value axis (单位：%), and a panel's title above it. Panels
 * stacked on one scale (`stacked`) say the unit once, over the first panel's title, for all of them
 * (review 61: under the first title it read as that group's), and the others have their title alone.
 */
function unitTitle(rows: FormRow[], o: FormOptions, panelTitle?: string, stacked?: 'first' | 'below'): Spec {
  const unit = rows.find((r) => r.unit)?.unit;
  const named = unit ? o.unitLabel?.(unit) ?? unit : undefined;
  const w = o.theme.words;
  const unitLine = o.allForecast ? (named ? w.unit_forecast.replace('{unit}', named).replace('{forecast}', o.allForecast) : o.allForecast) : named ? w.unit.replace('{unit}', named) : '';
  const t = o.theme;
  const titled = { anchor: 'start', fontSize: px(t.panel_title_pt), fontWeight: 500, color: t.ink, offset: 6 };
  if (panelTitle && stacked === 'below') return { title: { text: panelTitle, ...titled } };
  // the unit line over the first panel's title, a line's gap between (review 62, 3.2: set on it, 单位 crowded 技术应用)
  if (panelTitle && stacked === 'first' && unitLine) return { title: { ...titled, text: unitLine, fontSize: px(t.unit_pt), fontWeight: 400, color: t.muted, subtitle: panelTitle, subtitleFontSize: px(t.panel_title_pt), subtitleFontWeight: 500, subtitleColor: t.ink, subtitlePadding: 9 } };
  if (panelTitle) return { title: { ...titled, text: panelTitle, subtitle: unitLine || '\u00a0', subtitleFontSize: px(t.unit_pt), subtitleColor: t.muted, subtitlePadding: 2 } };
  return unitLine ? { title: { text: unitLine, anchor: 'start', fontSize: px(t.unit_pt), fontWeight: 400, color: t.muted, offset: 6 } } : {};
}

/**
 * How a figure is drawn, one form per meaning in every chart (issue 13): a forecast in the theme's
 * forecast form (tint, dashed outline) whatever its reading; what is known of a past year solid, what is
 * not hollow (white, solid outline), its qualifier in its label. So an exact figure and a lower bound
 * (超过200: 200 is certain, an arrow says it runs on) are solid; an approximate one and an upper bound
 * (不足3%: not even 3 is certain) hollow; a range solid to its lower end, its span hollow (or forecast).
 * A lower bound drawn hollow was the faintest bar of 图2-2, the one its caption is about (review 60).
 */
export type Look = 'solid' | 'hollow' | 'forecast';
/** Panels of one unit share one scale (38% is as long in both); panels of different units each have their own. */
export function oneScale(rows: Row[]): boolean {
  const units = new Set(rows.map((r) => r.unit));
  return units.size === 1 && !units.has(undefined);
}
/** The mark a form draws a value with, so the note under a chart names what the reader sees (框, 圆点). */
export type Mark = 'bar' | 'point' | 'line';
/** (a callout's key figure stands in a box) */
export const markOf = (form: ChartForm): Mark => (form === 'dumbbell' ? 'point' : form === 'line' ? 'line' : 'bar');
export const lookOf = (r: Row & { forecast?: boolean }): Look => (r.forecast ? 'forecast' : r.reading === 'about' || r.reading === 'under' ? 'hollow' : 'solid');
/** A bound is drawn open: an arrow past the mark, pointing the way the true value lies. */
const boundOf = (r: Row) => (r.reading === 'over' ? 'over' : r.reading === 'under' ? 'under' : undefined);

/**
 * The category labels' column of a full-width chart is one width in every chart (the theme's
 * `label_column_mm`, wider only for a label that needs it), so the plots of charts on one page, or
 * in one chapter, start at one left edge (issue 13: 图4-1 and 图4-2 did not). Panels of small
 * multiples are narrow and keep their own.
 */
function labelColumn(o: FormOptions): number {
  return Math.round(o.theme.label_column_mm * (96 / 25.4));
}

function categoryAxis(o: FormOptions, column = 0, stressed: string[] = []): Spec {
  // the categories that carry the message are named in the medium weight, as their marks are drawn in the darkest tone
  const weight = stressed.length ? { labelFontWeight: { condition: { test: `indexof(${JSON.stringify(stressed)}, datum.label) >= 0`, value: 500 }, value: 400 } } : {};
  return { title: null, ticks: false, domain: false, labelPadding: 6, labelFontSize: px(o.theme.font_pt), labelColor: o.theme.ink, labelLimit: 0, ...weight, ...(column ? { minExtent: column } : {}) };
}

/** The bars' rows in drawing order, and where their scale must end for the longest bar and its label to fit. */
function barValues(rows: FormRow[], o: FormOptions, width: number, column = 0) {
  const font = px(o.theme.font_pt);
  const sorted = o.keepOrder ? rows : [...rows].sort((a, b) => Number(!!a.rest) - Number(!!b.rest) || (b.value ?? 0) - (a.value ?? 0));
  const max = Math.max(...sorted.map((r) => r.to ?? r.value ?? 0));
  const ext = max * 0.08; // an open-ended bar runs on, dashed, past its bound
  const labelW = Math.max(Math.max(...sorted.map((r) => o.measure(r.category, font))) + 6, column);
  const plot = width - labelW - 4;
  // a chart that names the rows carrying its message draws every other row in the light comparison tone
  const emphasis = rows.some((r) => r.highlight);
  const values = sorted.map((r) => {
    const base = r.value ?? 0;
    const end = r.reading === 'range' ? (r.to ?? base) : r.reading === 'over' ? base + ext : base;
    return { category: r.category, base, to: r.to, end, look: r.target ? 'target' : lookOf(r), mark: r.mark, forecast: r.forecast, range: r.reading === 'range', over: r.reading === 'over', display: r.display, highlight: !!r.highlight, dimmed: (emphasis && !r.highlight) || !!r.rest, ...(r.rest ? { rest: true, label: r.category, value: r.value } : {}) };
  });
  // a target or limit's line (0: none); a bar's label stands past a line it stops short of (bars()), so the scale leaves room for it there
  const line = Math.max(0, ...values.filter((v) => v.look === 'target').map((v) => v.base));
  return { values, line, plot, end: labelledDomain(values.map((v) => ({ end: v.look === 'target' ? v.end : Math.max(v.end, line), labelPx: o.measure(String(v.display), font) + 8 })), plot)[1] };
}

/**
 * Horizontal bars, sorted by value, every bar labelled at its end; no value axis, except on a panel
 * with a scale of its own (`scaled`: small multiples of different units), whose round ticks and grid
 * show that 35 (%) and 12 (次) drawn as long are on two scales (review 60: the eye compared them anyway);
 * not a lone bar against a target line (review 61: 图5-1's narrow panels ran their figures together).
 */
function bars(rows: FormRow[], o: FormOptions, width: number, sharedEnd?: number, column = 0, scaled = false): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const { values, line, plot, end } = barValues(rows, o, width, column);
  // the ticks run to a round value past the data, or past the room the longest bar's label needs
  const data = Math.max(...values.map((v) => v.end));
  // (a panel measured against its target line has that line for reference, and no room for figures under it: 图5-1)
  const axis = scaled && line === 0 && values.length > 1 ? [valueAxis(data), valueAxis(end)].find((a) => a.domain[1] >= end)! : undefined;
  const domain: [number, number] = axis ? axis.domain : [0, Math.max(end, sharedEnd ?? 0)];
  const lengthPx = (v: number) => (v / domain[1]) * plot;
  const band = px(t.bar_band_pt);
  const x = { type: 'quantitative', scale: { domain, nice: false, zero: true }, axis: axis ? griddedAxis(axis, t, font) : null };
  // the order given (sorted or kept), whichever layer draws a bar: a layer's filter must not reorder the rows;
  // a target is a line across the bars, not a row of its own
  const drawn = values.filter((v) => v.look !== 'target');
  // a bar that stops short of a target line carries its figure inside its end, white on the bar: set past the
  // line, 28 read as the value of 目标 30 (review 37 #3.5); a bar too short or too light for it sets its figure
  // past the line, clear of it (the line ran through it when set at the bar's end)
  const inside = (v: (typeof values)[number]) => line > 0 && v.end < line && v.look === 'solid' && !v.dimmed && lengthPx(v.end) >= o.measure(String(v.display), font) + 10;
  // bars measured against a line take the middle tone, so the line in ink reads across them (a bullet graph's way:
  // on the darkest tone it needed a white halo, which cut 超过3500 in two where it crossed: review 62, 3.3)
  const labelled = values.map((v) => ({ ...v, inside: inside(v), labelAt: Math.max(v.end, line), measured: line > 0 }));
  const y = { field: 'category', type: 'nominal', sort: drawn.map((v) => v.category), axis: categoryAxis(o, column, drawn.filter((v) => v.highlight).map((v) => v.category)) };
  const height = Math.round((band / 0.62) * drawn.length);
  return {
    height,
    data: { values: labelled },
    encoding: { y },
    layer: [
      ...lookLayers(t, 'x', x, { height: band }, 'triangle-right'),
      // bars without a value axis stand on a baseline: where zero is, so their lengths read as lengths (review 62, 3.3);
      // half its width in from the plot's top and foot, or its stroke's bounds would make the chart a pixel taller
      ...(axis ? [] : [{ data: { values: [{}] }, mark: { type: 'rule', stroke: t.ink, strokeWidth: 1 }, encoding: { x: { datum: 0, ...x }, y: { value: 0.5 }, y2: { value: height - 0.5 } } }]),
      // a target or an upper limit: a line through every row at its value, named with its figure above it, so a bar
      // that reaches past it (or, for a limit, stays left of it) reads as met, one encoding in every panel (review 33, 3.4)
      { transform: [{ filter: "datum.look == 'target'" }], mark: { type: 'rule', stroke: t.ink, strokeWidth: 1.5 }, encoding: { x: { field: 'base', ...x }, y: { value: -3 }, y2: { value: height + 3 } } },
      { transform: [{ filter: "datum.look == 'target'" }], mark: { type: 'text', baseline: 'bottom', dy: -5, fontSize: px(t.unit_pt), color: t.ink }, encoding: { x: { field: 'base', ...x }, y: { value: 0 }, text: { field: 'mark' } } },
      // a highlighted row's figure in the medium weight (a mark property, not a channel: one layer per weight)
      ...[400, 500].map((weight) => ({ transform: [{ filter: `datum.look != 'target' && !datum.inside && ${weight === 500 ? '' : '!'}datum.highlight` }], mark: { type: 'text', align: 'left', dx: 5, fontSize: font, fontWeight: weight, color: t.ink }, encoding: { x: { field: 'labelAt', ...x }, text: { field: 'display' } } })),
      ...[400, 500].map((weight) => ({ transform: [{ filter: `datum.inside && ${weight === 500 ? '' : '!'}datum.highlight` }], mark: { type: 'text', align: 'right', dx: -5, fontSize: font, fontWeight: weight, color: t.on_bar }, encoding: { x: { field: 'end', ...x }, text: { field: 'display' } } })),
    ],
    ...unitTitle(rows, o),
  };
}

/**
 * The marks a bar or a column draws for its look, along its value channel (x for bars, y for
 * columns): solid (or the highlight), hollow, forecast, a range's span, a bound's arrow.
 */
function lookLayers(t: ChartTheme, along: 'x' | 'y', scale: Record<string, unknown>, thickness: { height: number } | { width: number }, arrow: string) {
  const at = (field: string) => ({ [along]: { field, ...scale } });
  const span = (field: string) => ({ ...at('base'), [`${along}2`]: { field } });
  const bar = (look: Record<string, unknown> = {}) => ({ type: 'bar', ...thickness, ...look });
  const tone = (key: string) => toneOf(t, key);
  // an outline carries its row's tone; the highlight's is heavier, so an open-ended bar that carries the message is not the faintest (review 35, 3.7)
  const outline = { ...tone('stroke'), strokeWidth: { condition: { test: 'datum.highlight', value: 2 }, value: 1 } };
  return [
    { transform: [{ filter: "datum.look == 'solid'" }], mark: bar(), encoding: { ...at('base'), ...tone('color') } },
    { transform: [{ filter: "datum.look == 'hollow'" }], mark: bar(hollow(t)), encoding: { ...at('base'), ...outline } },
    { transform: [{ filter: "datum.look == 'forecast'" }], mark: bar(forecastMark(t)), encoding: at('base') },
    { transform: [{ filter: 'datum.range && !datum.forecast' }], mark: bar(hollow(t)), encoding: { ...span('to'), ...outline } },
    { transform: [{ filter: 'datum.range && datum.forecast' }], mark: bar(forecastMark(t)), encoding: span('to') },
    { transform: [{ filter: 'datum.over' }], mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { ...span('end'), ...tone('stroke') } },
    { transform: [{ filter: 'datum.over' }], mark: { type: 'point', shape: arrow, filled: true, size: 40, opacity: 1 }, encoding: { ...at('end'), ...tone('color') } },
  ];
}

/** A mark's tone: the highlight (darkest) for a row carrying the chart's message, the light comparison for the rows beside it, the middle one for a bar against a target line, else the first series' colour. */
function toneOf(t: ChartTheme, key: string) {
  return { [key]: { condition: [{ test: 'datum.highlight', value: t.highlight }, { test: 'datum.dimmed', value: t.comparison }, { test: 'datum.measured', value: t.palette[1] }], value: t.palette[0] } };
}

/** The columns' rows in the data's order (time runs left to right), and where the scale ends for the tallest column and its label above it. */
function columnValues(rows: FormRow[], o: FormOptions) {
  const { values } = barValues(rows, { ...o, keepOrder: true }, 0);
  const height = Math.round(o.theme.column_plot_height_mm * (96 / 25.4));
  // a label stands above its column: the domain leaves its line's height (and a gap) over the tallest
  const labelPx = px(o.theme.font_pt) * 1.3 + 4;
  return { values, height, end: labelledDomain(values.map((v) => ({ end: v.end, labelPx })), height)[1] };
}

/**
 * Columns (a chart's \`orientation: columns\`): one vertical bar per category, in the data's order
 * left to right, so a comparison in time reads as time runs (review 3.4); each labelled above its
 * top, the categories under the baseline, no value axis. The same looks as the bars: solid (or the
 * highlight), hollow, forecast, a range's span, a bound's arrow upward.
 */
function columns(rows: FormRow[], o: FormOptions, width: number, sharedEnd?: number): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const { values, height, end } = columnValues(rows, o);
  const domain: [number, number] = [0, Math.max(end, sharedEnd ?? 0)];
  const band = px(t.column_band_pt);
  const y = { type: 'quantitative', scale: { domain, nice: false, zero: true }, axis: null };
  const x = { field: 'at', type: 'quantitative', scale: { domain: [0, width], nice: false, zero: true, padding: 0 }, axis: null };
  // the columns stand at the left of their panel, under its title and unit line, in the data's order; columns of years
  // stand at their years, a year without a figure keeping its slot and a tick on the baseline, so 2019 and 2023 stand
  // four years apart (review 49, 3.1: side by side they read as consecutive; review 50: a break mark read as a broken
  // value axis). The slots spread across the panel, so two columns do not leave its right half blank (review 49, 3.2),
  // but never so far apart that neighbours no longer read as a pair
  const slots = yearSlots(rows);
  const step = Math.min(width / slots.count, band * spreadMax);
  const placed = values.map((v, i) => ({ ...v, at: step * (slots.of[i] + 0.5) }));
  const ticks = slots.empty.map((k) => ({ tick: true, at: step * (k + 0.5) }));
  return {
    height,
    data: { values: [...placed, ...ticks, { baseline: true, at: 0, to: step * slots.count }] },
    encoding: { x },
    layer: [
      ...lookLayers(t, 'y', y, { width: band }, 'triangle-up'),
      { transform: [{ filter: '!datum.baseline && !datum.tick' }], mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: font, color: t.ink }, encoding: { y: { field: 'end', ...y }, text: { field: 'display' } } },
      ...baseLayers(t, y, font),
    ],
    ...unitTitle(rows, o),
  };
}

/** The room of one column and the gap after it. */
const columnStep = (n: number, width: number, band: number) => Math.min(width / Math.max(n, 1), band * 2.2);
/** The widest room of one column, in column widths (a fitted panel's columns stand at columnStep's). */
const spreadMax = 4;
/**
 * The slots of a panel of columns: one per calendar year from the first to the last when every row is a year, in
 * order (each row at its year's slot, the years without a row `empty`); else one per row.
 */
export function yearSlots(rows: Row[]): { count: number; of: number[]; empty: number[] } {
  const years = rows.map((r) => Number(r.year));
  const inOrder = years.length > 0 && years.every((y, i) => Number.isInteger(y) && (i === 0 || y > years[i - 1]));
  if (!inOrder) return { count: rows.length, of: rows.map((_, i) => i), empty: [] };
  const count = years[years.length - 1] - years[0] + 1;
  const of = years.map((y) => y - years[0]);
  return { count, of, empty: Array.from({ length: count }, (_, k) => k).filter((k) => !of.includes(k)) };
}

/** The width a panel of columns needs: its columns, or its title or unit line if wider. */
function columnsWidth(rows: FormRow[], o: FormOptions, title?: string): number {
  const t = o.theme;
  const unitLine = unitTitle(rows, o).title as { text?: string } | undefined;
  const words = Math.max(title ? o.measure(title, px(t.panel_title_pt)) : 0, unitLine?.text ? o.measure(unitLine.text, px(t.unit_pt)) : 0);
  return Math.ceil(Math.max(columnStep(rows.length, Infinity, px(t.column_band_pt)) * yearSlots(rows).count, words) + 8);
}

/** How far a slope panel's figures lie apart (0 for one figure). */
const spread = (rows: FormRow[]) => {
  const vs = rows.map((r) => r.value ?? 0);
  return vs.length ? Math.max(...vs) - Math.min(...vs) : 0;
};

/** Room at a slope's left and right for the labels beside its points: the widest of every slope panel of the chart, so their lines run equally far. */
function slopeInset(rows: FormRow[], o: FormOptions): { left: number; right: number } {
  const font = px(o.theme.font_pt);
  const byYear = (a: FormRow, b: FormRow) => Number(a.year) - Number(b.year);
  const ends = [...new Set(rows.map((r) => r.entry))].map((e) => rows.filter((r) => r.entry === e).sort(byYear));
  const w = (r: FormRow | undefined) => (r ? o.measure(String(r.display), font) : 0);
  return { left: Math.max(0, ...ends.map((p) => w(p[0]))) + 10, right: Math.max(0, ...ends.map((p) => w(p[p.length - 1]))) + 10 };
}

/**
 * A small multiple's panel of one measure in two years (a data entry's \`draw: slope\`): a slope graph, the earlier
 * figure at the panel's left, the later at its right, joined by one line, each labelled beside its point and its year
 * under it. No year axis, so no empty years between them (review 35, 3.3). Position, not length, carries the value, so
 * the scale need not start at zero (review 35, 3.5: +1.5 points invisible on zero-based bars); slopes of one unit share
 * the value per pixel (\`rise\`: the largest change of that unit fills 60% of the height), so equal changes rise equally.
 */
function slope(rows: FormRow[], o: FormOptions, width: number, rise: number, inset: { left: number; right: number }): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const height = Math.round(t.slope_plot_height_mm * (96 / 25.4));
  const { values } = barValues(rows, { ...o, keepOrder: true }, 0);
  const ordered = values.map((v, i) => ({ ...v, year: Number(rows[i].year) })).sort((a, b) => a.year - b.year);
  const lo0 = Math.min(...ordered.map((v) => v.base));
  const hi0 = Math.max(...ordered.map((v) => v.base));
  const span = rise > 0 ? rise / 0.6 : Math.max(Math.abs(hi0), 1) * 0.5;
  const low = Math.max(0, (lo0 + hi0) / 2 - span / 2);
  const domain: [number, number] = [low, low + span];
  const [x0, x1] = [inset.left, width - inset.right];
  const placed = ordered.map((v, i) => ({ ...v, at: ordered.length > 1 ? x0 + ((x1 - x0) * i) / (ordered.length - 1) : x0, side: i === 0 ? 'left' : 'right' }));
  const segments = placed.slice(1).map((v, i) => ({ segment: true, at: placed[i].at, at2: v.at, base: placed[i].base, base2: v.base, ahead: v.forecast }));
  const y = { field: 'base', type: 'quantitative', scale: { domain, nice: false, zero: false }, axis: null };
  const x = { field: 'at', type: 'quantitative', scale: { domain: [0, width], nice: false, zero: true, padding: 0 }, axis: null };
  const point = (look: string, extra: Record<string, unknown>, encoding: Record<string, unknown> = {}) => ({ transform: [{ filter: `!datum.segment && datum.look == '${look}'` }], mark: { type: 'point', filled: true, size: 60, opacity: 1, ...extra }, encoding: { y, ...encoding } });
  const label = (side: string, align: string, dx: number) => ({ transform: [{ filter: `!datum.segment && datum.side == '${side}'` }], mark: { type: 'text', align, baseline: 'middle', dx, fontSize: font, color: t.ink }, encoding: { y, text: { field: 'display' } } });
  return {
    height,
    data: { values: [...placed, ...segments] },
    encoding: { x },
    layer: [
      // a light upright at each year: the two ends read as two moments, not as the ends of a time axis
      { transform: [{ filter: '!datum.segment' }], mark: { type: 'rule', stroke: t.grid, strokeWidth: 1 }, encoding: { y: { value: 0 }, y2: { value: height } } },
      { transform: [{ filter: 'datum.segment && !datum.ahead' }], mark: { type: 'rule', stroke: t.palette[0], strokeWidth: 2 }, encoding: { y, x2: { field: 'at2' }, y2: { field: 'base2' } } },
      { transform: [{ filter: 'datum.segment && datum.ahead' }], mark: { type: 'rule', stroke: t.palette[0], strokeWidth: 2, strokeDash: t.forecast.dash }, encoding: { y, x2: { field: 'at2' }, y2: { field: 'base2' } } },
      point('solid', {}, toneOf(t, 'color')),
      point('hollow', { ...hollow(t), strokeWidth: 1.5 }),
      point('forecast', { ...forecastMark(t), strokeWidth: 1.2 }),
      label('left', 'right', -8),
      label('right', 'left', 8),
      { transform: [{ filter: '!datum.segment' }], mark: { type: 'text', baseline: 'top', dy: 6, fontSize: font, color: t.ink }, encoding: { y: { value: height }, text: { field: 'category' } } },
    ],
  };
}

/** The baseline, a short tick at every year of a year axis (a year without a figure is seen as a gap), and each category (year) under its mark. */
function baseLayers(t: ChartTheme, y: Record<string, unknown>, font: number, also = 'true') {
  return [
    { transform: [{ filter: 'datum.baseline' }], mark: { type: 'rule', stroke: t.axis, strokeWidth: 1 }, encoding: { x2: { field: 'to' }, y: { datum: 0, ...y } } },
    { transform: [{ filter: 'datum.tick' }], mark: { type: 'tick', orient: 'vertical', size: 4, thickness: 1, color: t.axis, yOffset: 2 }, encoding: { y: { datum: 0, ...y } } },
    { transform: [{ filter: `!datum.baseline && !datum.tick && ${also}` }], mark: { type: 'text', baseline: 'top', dy: 6, fontSize: font, color: t.ink }, encoding: { y: { datum: 0, ...y }, text: { field: 'category' } } },
  ];
}

/** Whether a line panel joins two figures with years between them that have none (drawn thin and grey, and said in the note). */
export function crossesGap(rows: Row[]): boolean {
  const years = rows.map((r) => Number(r.year)).sort((a, b) => a - b);
  return years.some((y, i) => i > 0 && y - years[i - 1] > 1);
}

/** Whether a line's neighbouring figures (by year) come from different sources: two 口径, not joined. */
export function changesSource(rows: Row[]): boolean {
  const byYear = [...rows].sort((a, b) => Number(a.year) - Number(b.year));
  return byYear.some((r, i) => i > 0 && r.source !== byYear[i - 1].source);
}

/** The first and last year of a chart's rows, when every row has a year (a shared time axis for its panels). */
function yearSpan(rows: FormRow[]): [number, number] | undefined {
  const years = rows.map((r) => Number(r.year));
  if (!years.length || years.some((y) => !Number.isInteger(y))) return undefined;
  return [Math.min(...years), Math.max(...years)];
}

/**
 * A true year axis across a panel: one slot per calendar year from the first to the last, each mark
 * at its year's slot, labelled with its year (预测 for a forecast's); the years between with no
 * figure keep their slot and a tick, so 2019 → 2023 is drawn four years apart, not next door.
 */
function yearAxis(rows: FormRow[], years: [number, number] | undefined, width: number, band: number) {
  if (!years) return undefined;
  const slot = width / (years[1] - years[0] + 1);
  const at = (r: FormRow) => (Number(r.year) - years[0] + 0.5) * slot;
  const ticks = Array.from({ length: years[1] - years[0] + 1 }, (_, i) => ({ tick: true, at: (i + 0.5) * slot }));
  return { at, ticks, band: Math.max(band, 8) };
}

/**
 * A small multiple's panel drawn as a line over its years (a data entry's \`draw: line\`): the points at
 * their years on the chart's one year axis, each labelled above with its bare figure, joined solid
 * between actuals and dashed into a forecast; no value axis (every point is labelled), zero at the baseline.
 */
function trend(rows: FormRow[], o: FormOptions, width: number, years: [number, number], sharedEnd?: number): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const { values, height, end } = columnValues(rows, o);
  const domain: [number, number] = [0, Math.max(end, sharedEnd ?? 0)];
  const axis = yearAxis(rows, years, width, 0)!;
  const ordered = values.map((v, i) => ({ ...v, at: axis.at(rows[i]), year: Number(rows[i].year), source: rows[i].source })).sort((a, b) => a.year - b.year);
  // a segment per pair of neighbouring figures: solid between consecutive years, dashed into a forecast, and
  // thin and grey across years with no figure, so the line does not pass for data it does not have; none
  // between figures of different sources (two 口径: a line would read as one series' change, review 35)
  const segments = ordered.slice(1).flatMap((v, i) => (v.source !== ordered[i].source ? [] : [{ segment: true, at: ordered[i].at, at2: v.at, base: ordered[i].base, base2: v.base, kind: v.forecast ? 'ahead' : v.year - ordered[i].year > 1 ? 'gap' : 'actual' }]));
  const y = { type: 'quantitative', scale: { domain, nice: false, zero: true }, axis: null };
  const x = { field: 'at', type: 'quantitative', scale: { domain: [0, width], nice: false, zero: true, padding: 0 }, axis: null };
  const at = { y: { field: 'base', ...y } };
  const segment = (kind: string, look: Record<string, unknown>) => ({ transform: [{ filter: `datum.segment && datum.kind == '${kind}'` }], mark: { type: 'rule', ...look }, encoding: { ...at, x2: { field: 'at2' }, y2: { field: 'base2' } } });
  return {
    height,
    data: { values: [...ordered, ...segments, { baseline: true, at: 0, to: width }, ...axis.ticks] },
    encoding: { x },
    layer: [
      segment('actual', { stroke: t.palette[0], strokeWidth: 2 }),
      segment('ahead', { stroke: t.palette[0], strokeWidth: 2, strokeDash: t.forecast.dash }),
      segment('gap', { stroke: t.axis, strokeWidth: 1 }),
      { transform: [{ filter: "datum.look == 'solid'" }], mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { ...at, ...toneOf(t, 'color') } },
      { transform: [{ filter: "datum.look == 'hollow'" }], mark: { type: 'point', filled: true, size: 60, opacity: 1, ...hollow(t), strokeWidth: 1.5 }, encoding: at },
      { transform: [{ filter: "datum.look == 'forecast'" }], mark: { type: 'point', filled: true, size: 60, opacity: 1, ...forecastMark(t), strokeWidth: 1.2 }, encoding: at },
      { transform: [{ filter: '!datum.baseline && !datum.tick && !datum.segment' }], mark: { type: 'text', baseline: 'bottom', dy: -7, fontSize: font, color: t.ink }, encoding: { ...at, text: { field: 'display' } } },
      ...baseLayers(t, y, font, '!datum.segment'),
    ],
    ...unitTitle(rows, o),
  };
}

/** Horizontal bars grouped by category, one colour per series, a legend on top (the marks are too small to name). */
function grouped(rows: FormRow[], o: FormOptions): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const series = seriesNames(o);
  const axis = valueAxis(Math.max(...rows.map((r) => r.to ?? r.value ?? 0)) * 1.15, 4);
  const values = rows.map((r) => ({ category: r.category, series: series[r.entry], value: r.value, display: r.display, look: lookOf(r) }));
  const band = px(t.bar_band_pt) * 0.8;
  const x = { field: 'value', type: 'quantitative', scale: { domain: axis.domain, nice: false }, axis: null };
  const colour = { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: t.palette.slice(0, series.length) }, legend: { orient: 'top', title: null, labelFontSize: font, symbolType: 'square', direction: 'horizontal', offset: 4 } };
  return {
    height: Math.round(band * series.length * new Set(values.map((v) => v.category)).size * 1.35),
    data: { values },
    encoding: { y: { field: 'category', type: 'nominal', sort: null, axis: categoryAxis(o, labelColumn(o)) }, yOffset: { field: 'series', sort: series } },
    layer: [
      { transform: [{ filter: "datum.look == 'solid'" }], mark: { type: 'bar', height: band }, encoding: { x, fill: colour } },
      { transform: [{ filter: "datum.look == 'hollow'" }], mark: { type: 'bar', height: band, ...hollow(t) }, encoding: { x } },
      { transform: [{ filter: "datum.look == 'forecast'" }], mark: { type: 'bar', height: band, ...forecastMark(t) }, encoding: { x } },
      { mark: { type: 'text', align: 'left', dx: 5, fontSize: font, color: t.ink }, encoding: { x, text: { field: 'display' } } },
    ],
    ...unitTitle(rows, o),
  };
}

/** Parts of one whole in one bar of 100%: each part named above its segment; what they leave is `rest`. */
function stacked(rows: FormRow[], o: FormOptions): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const rest = restPart(rows, o.rest);
  // the rest is said with its unit in the alt text; drawn, it is bare like the parts (the unit line says %)
  const parts = [...rows.map((r) => ({ name: r.category, value: r.value ?? 0, display: r.display })), ...(rest ? [{ ...rest, display: rest.bare }] : [])];
  let at = 0;
  const values = parts.map((p, i) => {
    const v = { ...p, x0: at, x1: at + p.value, mid: at + p.value / 2, fill: t.palette[i % t.palette.length], text: `${p.name} ${p.display}` };
    at += p.value;
    return v;
  });
  const x = { type: 'quantitative', scale: { domain: [0, 100], nice: false }, axis: null };
  const band = px(t.bar_band_pt) * 1.4;
  return {
    height: Math.round(band + font * 2.2),
    data: { values },
    layer: [
      { mark: { type: 'bar', height: band, yOffset: font * 0.9 }, encoding: { x: { field: 'x0', ...x }, x2: { field: 'x1' }, fill: { field: 'fill', type: 'nominal', scale: null }, stroke: { value: 'white' }, strokeWidth: { value: 1 } } },
      { mark: { type: 'text', baseline: 'bottom', fontSize: font, color: t.ink, yOffset: -band / 2 + font * 0.9 - 3 }, encoding: { x: { field: 'mid', ...x }, text: { field: 'text' } } },
    ],
    ...unitTitle(rows, o),
  };
}

/** What the parts of a 100% stack leave, named `rest` (其他收入 25%): drawn as a part (`bare`, 25), and said in the alt text like one (`display`). */
export function restPart(rows: Row[], rest: string | undefined): { name: string; value: number; display: string; bare: string } | undefined {
  const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
  if (!rest || total >= 100) return undefined;
  const unit = rows[0]?.unit ?? '%';
  const decimals = Math.max(0, ...rows.map((r) => String(r.value ?? '').split('.')[1]?.length ?? 0));
  const value = Number((100 - total).toFixed(decimals)); // 17.7, not 17.699999999999989
  const display = formatValue(value, unit, decimals);
  return { name: rest, value, display, bare: unitless(display, unit) };
}

/** A drawn label without the unit its chart's unit line says once (35.2%, 超过200元/人 → 35.2, 超过200). */
export const unitless = (display: string, unit: string): string => display.split(unit).join('');

/** Before and after per category: two points on one line, each labelled; the series named at the top row; its scale's figures unless `figures` is false (a panel above another on its scale). */
function dumbbell(rows: FormRow[], o: FormOptions, sharedMax?: number, named = true, column?: number, figures = true): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const series = seriesNames(o);
  const axis = valueAxis(sharedMax ?? Math.max(...rows.map((r) => r.to ?? r.value ?? 0)), 4);
  const categories = [...new Set(rows.map((r) => r.category))];
  // a bound's arrow stands a little past its point, pointing the way the true value lies
  const ext = axis.domain[1] * 0.05;
  const points = rows.map((r) => ({ kind: 'point', category: r.category, value: r.value, display: r.display, look: lookOf(r), bound: boundOf(r), arrow: (r.value ?? 0) + (boundOf(r) === 'under' ? -ext : ext), first: r.entry === 0, series: series[r.entry] }));
  const spans = categories.map((c) => {
    const vs = rows.filter((r) => r.category === c).map((r) => r.value ?? 0);
    return { kind: 'span', category: c, lo: Math.min(...vs), hi: Math.max(...vs) };
  });
  // every point is labelled, as every bar is: no grid lines, which ran through the series' names under the
  // top row (issue 13's review), but a light scale under the last row, so the rows read against one reference
  // (review 33, 3.10); the domain ends on a round tick, so dumbbells of one maximum share one scale
  const scale = { title: null, values: axis.ticks, labelExpr: axis.labelExpr, grid: false, domainColor: t.grid, tickColor: t.grid, tickSize: 3, labelFontSize: px(t.unit_pt), labelColor: t.muted, labelFlush: false, labelPadding: 2, labels: figures, ticks: figures };
  const x = { type: 'quantitative', scale: { domain: axis.domain, nice: false }, axis: scale };
  const only = (k: string, extra = '') => [{ filter: `datum.kind == '${k}'${extra}` }];
  return {
    // without its figures, the room the last one overhangs its tick by, so this scale is as long as the one under it
    ...(figures ? {} : { padding: { left: 0, top: 0, bottom: 0, right: o.measure(axis.last, px(t.unit_pt)) / 2 } }),
    // rows a little tighter than before the scale (4.2 font heights: review 33, 3.10, 40% of a page for 14 values)
    height: categories.length * Math.round(font * 3.8),
    data: { values: [...spans, ...points] },
    encoding: { y: { field: 'category', type: 'nominal', sort: categories, axis: categoryAxis(o, column ?? labelColumn(o)) } },
    layer: [
      { transform: only('span'), mark: { type: 'rule', stroke: t.axis, strokeWidth: 2 }, encoding: { x: { field: 'lo', ...x }, x2: { field: 'hi' } } },
      // the arrow on a short shaft from under its point: a lone 3 pt triangle was not seen at print size (review 56, 3.3)
      { transform: only('point', " && datum.bound != null"), mark: { type: 'rule', stroke: t.palette[0], strokeWidth: 1.5 }, encoding: { x: { field: 'value', ...x }, x2: { field: 'arrow' } } },
      { transform: only('point', " && datum.look == 'solid'"), mark: { type: 'point', filled: true, size: 110, opacity: 1 }, encoding: { x: { field: 'value', ...x }, color: { condition: { test: 'datum.first', value: t.palette[0] }, value: t.palette[1] } } },
      { transform: only('point', " && datum.look == 'hollow'"), mark: { type: 'point', filled: true, size: 110, opacity: 1, ...hollow(t), strokeWidth: 1.5 }, encoding: { x: { field: 'value', ...x } } },
      { transform: only('point', " && datum.look == 'forecast'"), mark: { type: 'point', filled: true, size: 110, opacity: 1, ...forecastMark(t), strokeWidth: 1.2 }, encoding: { x: { field: 'value', ...x } } },
      { transform: only('point', " && datum.bound == 'over'"), mark: { type: 'point', shape: 'triangle-right', filled: true, size: 60, color: t.palette[0] }, encoding: { x: { field: 'arrow', ...x } } },
      { transform: only('point', " && datum.bound == 'under'"), mark: { type: 'point', shape: 'triangle-left', filled: true, size: 60, color: t.palette[0] }, encoding: { x: { field: 'arrow', ...x } } },
      { transform: only('point'), mark: { type: 'text', dy: -11, fontSize: font, color: t.ink }, encoding: { x: { field: 'value', ...x }, text: { field: 'display' } } },
      ...(named ? dumbbellKey(o, series, points.find((p) => !p.first)?.look ?? 'solid') : []),
    ],
    ...unitTitle(rows, o),
  };
}

/**
 * A dumbbell's key, once, at the top right of its first panel, on its unit line: the two ends as drawn (● 2024年
 * ◌ 2025年预测). Names hung under the first row's points read as that row's data (review 45 C-8).
 */
function dumbbellKey(o: FormOptions, series: string[], second: Look): Spec[] {
  const t = o.theme;
  const size = px(t.unit_pt);
  const y = { value: -size }; // just above the plot: higher, the title would move up with it
  const [a, b] = series;
  const bw = o.measure(b, size);
  const aw = o.measure(a, size);
  const at = (dx: number) => ({ value: { expr: `width - ${Math.round(dx)}` } });
  const look = second === 'forecast' ? forecastMark(t) : second === 'hollow' ? hollow(t) : { color: t.palette[1] };
  // the key shows no datum: in the web edition its marks have no tooltip (an empty box, where a mark's row is shown),
  // and are named as the key's (key_first_marks …), so a page can tell them from the data's marks
  const text = { type: 'text', align: 'right', baseline: 'middle', fontSize: size, color: t.muted, tooltip: null };
  return [
    { name: 'key_first', data: { values: [{}] }, mark: { type: 'point', filled: true, size: 60, opacity: 1, color: t.palette[0], tooltip: null }, encoding: { x: at(bw + 22 + aw + 10), y } },
    { name: 'key_first_name', data: { values: [{}] }, mark: { ...text, text: a }, encoding: { x: at(bw + 22), y } },
    { name: 'key_second', data: { values: [{}] }, mark: { type: 'point', filled: true, size: 60, opacity: 1, ...look, tooltip: null }, encoding: { x: at(bw + 8), y } },
    { name: 'key_second_name', data: { values: [{}] }, mark: { ...text, text: b }, encoding: { x: at(0), y } },
  ];
}

/** A time series: one line per series, named at its end; forecast points hollow on a dashed stretch. */
function line(rows: FormRow[], o: FormOptions): Spec {
  const t = o.theme;
  const font = px(t.font_pt);
  const series = seriesNames(o);
  const axis = valueAxis(Math.max(...rows.map((r) => r.to ?? r.value ?? 0)), 4);
  // each series is named at its own last point
  const lastOf = (entry: number) => rows.filter((r) => r.entry === entry).map((r) => String(r.year)).sort().pop();
  const values = [...rows].sort((a, b) => String(a.year).localeCompare(String(b.year))).map((r) => ({ period: t.words.year.replace('{year}', String(r.year)) + (r.forecast ? t.words.forecast : ''), series: series[r.entry], value: r.value, display: r.display, soft: r.forecast, look: lookOf(r), last: String(r.year) === lastOf(r.entry) }));
  const periods = [...new Set(values.map((v) => v.period))];
  const y = { field: 'value', type: 'quantitative', scale: { domain: axis.domain, nice: false }, axis: griddedAxis(axis, t, font) };
  const colour = { field: 'series', type: 'nominal', scale: { domain: series, range: t.palette.slice(0, series.length) }, legend: null };
  return {
    height: Math.round(t.column_plot_height_mm * (96 / 25.4)),
    data: { values },
    encoding: { x: { field: 'period', type: 'ordinal', sort: periods, axis: { title: null, labelAngle: 0, labelFontSize: font, ticks: false, domainColor: t.axis } } },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y, color: colour, strokeDash: { field: 'soft', type: 'nominal', scale: { domain: [false, true], range: [[1, 0], t.forecast.dash] }, legend: null } } },
      // the ring in the series' colour (stroke: a colour channel beside fill was dropped, so a forecast's or an estimate's white dot had none)
      { mark: { type: 'point', size: 50, filled: true }, encoding: { y, stroke: colour, fill: { condition: [{ test: "datum.look == 'forecast'", value: t.forecast.fill }, { test: "datum.look == 'hollow'", value: t.approximate.fill }], field: 'series', type: 'nominal', scale: { domain: series, range: t.palette.slice(0, series.length) }, legend: null } } },
      { mark: { type: 'text', dy: -10, fontSize: font, color: t.ink }, encoding: { y, text: { field: 'display' } } },
      { transform: [{ filter: 'datum.last' }], mark: { type: 'text', align: 'left', dx: 8, fontSize: font }, encoding: { y, text: { field: 'series' }, color: colour } },
    ],
    ...unitTitle(rows, o),
  };
}

/** The hollow form of an approximate figure or bound: white, a solid outline in the first series' colour. */
function hollow(t: ChartTheme) {
  return { fill: t.approximate.fill, stroke: t.palette[0], strokeWidth: 1 };
}

/** The one form of a forecast: the tint, a dashed outline. */
function forecastMark(t: ChartTheme) {
  return { fill: t.forecast.fill, stroke: t.palette[0], strokeWidth: 1, strokeDash: t.forecast.dash };
}

/** The series' names in `data:` order (an entry without one is named by its position). */
function seriesNames(o: FormOptions): string[] {
  return o.entries.map((s, i) => s ?? String(i + 1));
}

/**
 * A value axis with round ticks and light grid lines, no domain line or tick marks (dumbbell, line).
 * Every label is centred on its own grid line (no flush first and last label), and the chart is
 * fitted with the last label's overhang, so the end tick's grid line lies inside the drawing.
 */
function griddedAxis(axis: { ticks: number[]; labelExpr: string }, t: ChartTheme, font: number) {
  return { title: null, values: axis.ticks, labelExpr: axis.labelExpr, grid: true, gridColor: t.grid, domain: false, ticks: false, labelFontSize: font, labelFlush: false };
}
