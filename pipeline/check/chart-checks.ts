/**
 * The checks that know the data behind a chart or table (issue 13), each with the position of
 * what is wrong: one value axis shows one unit; a part is not drawn beside its own whole; a chart
 * is drawn from a form (or a raw spec) at one of the theme's widths; every chart and table has a
 * source to print; a chart is not drawn from the source's words (most of its figures approximate or bounds); and (per chapter) a dataset is shown once, not as a chart and a table.
 */
import { diag, type Diagnostic, type Where } from '../core/errors.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import { isQualified } from '../model/qualifiers.ts';
import { widthNames } from './load-chart-theme.ts';
import type { ChartSpec, TableSpec } from './load-specs.ts';
import type { Placement } from './check-chapters.ts';
import type { ChapterSentences } from './editorial-checks.ts';

/** The figures a `from:` reaches (a group: its items, deeply), each with where its path is written. */
function drawn(spec: ChartSpec, nodes: Map<string, DataNode>): { d: Datum; entry: number; where: (string | number)[] }[] {
  const out: { d: Datum; entry: number; where: (string | number)[] }[] = [];
  spec.data.forEach((b, entry) => {
    const froms = typeof b.from === 'string' ? [b.from] : b.from;
    froms.forEach((p, j) => {
      const where = typeof b.from === 'string' ? ['data', entry, 'from'] : ['data', entry, 'from', j];
      for (const d of datumsUnder(p, nodes)) out.push({ d, entry, where });
    });
  });
  return out;
}

/**
 * A `draw: change` entry is a callout's one key figure made of one measure's years (the latest, the earlier under it):
 * its `from:` names one group of that measure's items, each of another year; figures of several measures, of one
 * year, or of several units would print a comparison the data do not make (in another form: check-specs.ts).
 */
function checkChanges(spec: ChartSpec, figures: ReturnType<typeof drawn>, nodes: Map<string, DataNode>, here: (where: (string | number)[]) => Where): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.data.forEach((b, entry) => {
    if (b.draw !== 'change') return;
    const at = here(['data', entry, 'draw']);
    const own = figures.filter((f) => f.entry === entry).map((f) => f.d);
    const named = (d: Datum) => `${d.path}: ${d.label}`;
    const units = [...new Set(own.map((d) => d.unit))];
    if (typeof b.from !== 'string' || nodes.get(b.from)?.kind !== 'group') out.push(diag('CHART_CHANGE', { id: spec.id, detail: `joins ${own.length === 2 ? 'two' : 'several'} measures (${own.map(named).join('; ')})` }, at));
    else if (own.length < 2 || new Set(own.map((d) => d.year)).size !== own.length || own.some((d) => typeof d.year !== 'number')) out.push(diag('CHART_CHANGE', { id: spec.id, detail: `needs one figure per year, two years or more; found ${own.map((d) => `${d.path} (${d.year ?? 'no year'})`).join(', ') || 'none'}` }, at));
    else if (units.length > 1) out.push(diag('CHART_CHANGE', { id: spec.id, detail: `joins figures of different units (${units.join(', ')})` }, at));
  });
  return out;
}

export function datumsUnder(path: string, nodes: Map<string, DataNode>): Datum[] {
  const n = nodes.get(path);
  if (isDatum(n)) return [n];
  if (n?.kind === 'group') return n.keys.flatMap((k) => datumsUnder(`${path}.${k}`, nodes));
  return [];
}

export function checkChartDesign(spec: ChartSpec, nodes: Map<string, DataNode>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const here = (where: (string | number)[]) => ({ ...spec.at(where), dataPath: `${spec.id}.${where.join('.')}` });
  if (!spec.form === !spec.spec) out.push(diag('CHART_FORM', { detail: spec.form ? 'both `form:` and `spec:`: a chart is drawn from one' : 'neither `form:` nor `spec:`' }, here(spec.form ? ['spec'] : [])));
  if (spec.width !== undefined && !widthNames.some((w) => w === spec.width)) out.push(diag('CHART_WIDTH', { found: JSON.stringify(spec.width), allowed: widthNames.join(', ') }, here(['width'])));
  // a raw spec's own widths would be shrunk or overflow: the theme sets them
  const raw = spec.spec ?? {};
  if (raw.width !== undefined) out.push(diag('CHART_WIDTH', { found: JSON.stringify(raw.width), allowed: widthNames.join(', ') }, here(['spec', 'width'])));
  for (const k of ['hconcat', 'vconcat', 'concat'] as const) {
    const views = raw[k];
    if (Array.isArray(views)) views.forEach((v, i) => (v as Record<string, unknown>)?.width !== undefined && out.push(diag('CHART_WIDTH', { found: JSON.stringify((v as Record<string, unknown>).width), allowed: widthNames.join(', ') }, here(['spec', k, i, 'width']))));
  }
  const figures = drawn(spec, nodes);
  // (a path that binds nothing is an error of its own: CHART_SPEC)
  const resolved = spec.data.every((b) => (typeof b.from === 'string' ? [b.from] : b.from).every((p) => nodes.has(p)));
  if (resolved && !figures.length && !spec.source) out.push(diag('SPEC_NO_SOURCE', { kind: 'chart', id: spec.id }, here(['caption'])));
  out.push(...checkChanges(spec, figures, nodes, here));
  if (spec.form === 'callout') return out; // a callout's figures stand each on its own: no shared axis
  // a chart of the source's words (5%左右, 15%以上, 80—100元/人): forecasts are estimates by nature and do not count
  const estimates = figures.filter((f) => isQualified(f.d) && f.d.baseYear === undefined);
  if (estimates.length >= 2 && estimates.length * 2 >= figures.length) {
    const first = estimates[0];
    out.push(diag('CHART_OF_ESTIMATES', { id: spec.id, count: estimates.length, total: figures.length, path: first.d.path, word: first.d.qualifier?.word ?? 'a range' }, here(first.where)));
  }
  // one axis per chart, or per panel of small multiples
  const axes = new Map<number, typeof figures>();
  for (const f of figures) {
    const axis = spec.form === 'small-multiples' ? f.entry : 0;
    axes.set(axis, [...(axes.get(axis) ?? []), f]);
  }
  for (const group of axes.values()) {
    const first = group[0];
    const other = group.find((f) => f.d.unit !== first.d.unit);
    if (other) out.push(diag('CHART_MIXED_UNITS', { first: first.d.path, firstUnit: first.d.unit, other: other.d.path, otherUnit: other.d.unit }, here(other.where)));
    // once per whole drawn beside its parts, where the whole is bound
    for (const whole of group) {
      const part = group.find((p) => p !== whole && isWholeOf(whole.d, p.d, nodes));
      if (part) out.push(diag('CHART_PART_AND_WHOLE', { part: part.d.path, whole: whole.d.path }, here(whole.where)));
    }
  }
  return out;
}

/** `w` is the whole `p` is part of: a sum of p (or of p's group), or the total p's group adds up to. */
function isWholeOf(w: Datum, p: Datum, nodes: Map<string, DataNode>): boolean {
  const parent = p.path.slice(0, p.path.lastIndexOf('.'));
  if (w.derived?.kind === 'sum' && w.derived.of.some((o) => o === p.path || o === parent)) return true;
  const group = nodes.get(parent);
  return group?.kind === 'group' && group.sumTo === w.path;
}

/** The figures a table's cells show (its rows' datums under its columns, and the total). */
export function tableFigures(spec: TableSpec, nodes: Map<string, DataNode>): Datum[] {
  const paths = typeof spec.rows === 'string' ? [spec.rows] : spec.rows;
  const rows = paths.flatMap((p) => {
    const n = nodes.get(p);
    return typeof spec.rows === 'string' && n?.kind === 'group' ? n.keys.map((k) => `${p}.${k}`) : [p];
  });
  const cells = rows.flatMap((r, i) => spec.columns.map((c) => nodes.get(c.from ? (c.from[i] ?? '') : ['value', 'year', 'source'].includes(c.field) ? r : `${r}.${c.field}`)));
  const total = spec.footer ? [nodes.get(spec.footer.from)] : [];
  return [...cells, ...total].filter(isDatum);
}

export function checkTableSource(spec: TableSpec, nodes: Map<string, DataNode>): Diagnostic[] {
  const rows = typeof spec.rows === 'string' ? [spec.rows] : spec.rows;
  if (tableFigures(spec, nodes).length || spec.source || !rows.every((p) => nodes.has(p))) return [];
  return [diag('SPEC_NO_SOURCE', { kind: 'table', id: spec.id }, { ...spec.at(['caption']), dataPath: `${spec.id}.caption` })];
}

/** A chart and a table of one chapter that show the same figures: a warning at the later placement. */
export function shownTwice(placements: Placement[], drawnBy: Map<string, Set<string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const charts = placements.filter((p) => p.kind === 'figure');
  for (const t of placements.filter((p) => p.kind === 'table')) {
    for (const c of charts.filter((c) => c.chapter.file === t.chapter.file)) {
      const a = drawnBy.get(c.id);
      const b = drawnBy.get(t.id);
      const shared = a && b ? [...a].filter((p) => b.has(p)).length : 0;
      if (!shared) continue;
      const later = c.line > t.line ? c : t;
      const [kind, id, other, otherId] = later === c ? ['chart', c.id, 'table', t.id] : ['table', t.id, 'chart', c.id];
      out.push(diag('SHOWN_TWICE', { kind, id, other, otherId, count: shared }, { file: later.chapter.file, line: later.line, column: later.column }));
    }
  }
  return out;
}

/**
 * A callout whose figures its chapter's prose already prints: the reader meets the same number
 * twice, once as a big number (issue 13 review: seven such callouts). A warning at the placement.
 */
export function calloutRepeatsProse(placements: Placement[], callouts: Map<string, Set<string>>, sentences: ChapterSentences[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of placements.filter((x) => x.kind === 'figure' && callouts.has(x.id))) {
    const shown = callouts.get(p.id)!;
    const bound = sentences.filter((s) => s.file === p.chapter.file).flatMap((s) => s.sentences.flatMap((x) => x.bindings));
    const repeated = bound.find((b) => b.paths.some((path) => shown.has(path)));
    if (repeated) out.push(diag('CALLOUT_REPEATS_PROSE', { id: p.id, path: repeated.paths.find((path) => shown.has(path))!, line: repeated.line }, { file: p.chapter.file, line: p.line, column: p.column }));
  }
  return out;
}
