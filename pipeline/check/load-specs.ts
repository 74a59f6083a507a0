/** Chart and table definitions (templates/charts/*.yaml, templates/tables/*.yaml), validated with positions. */
import { basename } from 'node:path';
import { z } from 'zod';
import { diag, type Diagnostic, type Position } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';

import { readYamlSource } from '../core/yaml-source.ts';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { zodDiagnostics } from './zod-diagnostics.ts';

/**
 * One `data:` entry: the rows, and (grouped bars, dumbbells, lines) their series or (small multiples) their panel's title;
 * `draw: line` (small multiples) draws the panel as a line over its years on the chart's one year axis, not as bars;
 * `draw: slope` draws a panel of two figures (two years) as a slope graph, the two at the panel's edges, no year axis between;
 * `draw: change` (callouts) prints one measure's years as one key figure: the latest, the earlier ones under it (2020年为19.2%).
 */
const Binding = z.strictObject({ from: z.union([z.string(), z.array(z.string()).min(1)]), series: z.string().optional(), draw: z.enum(['line', 'slope', 'change']).optional() });
/** How a `data:` entry is drawn, where its form allows another way. */
export type Draw = NonNullable<z.infer<typeof Binding>['draw']>;
/** The chart forms (render/chart-forms.ts): each a reusable spec driven by the rows. */
export const chartForms = ['bar', 'grouped-bar', 'stacked-100', 'line', 'dumbbell', 'small-multiples', 'callout'] as const;
export type ChartForm = (typeof chartForms)[number];
export const ChartSpecSchema = z.strictObject({
  caption: z.string().min(1),
  /** what the exhibit shows (measure, years, 口径), printed under the caption, which states the finding */
  subtitle: z.string().min(1).optional(),
  alt: z.string().min(1).optional(),
  /** a chart drawn from a form (the normal case) … */
  form: z.enum(chartForms).optional(),
  /** … or a raw Vega-Lite spec, themed like the forms */
  spec: z.record(z.string(), z.unknown()).optional(),
  /** one of the theme's widths: full (the text block) or half; checked with its position */
  width: z.union([z.string(), z.number()]).optional(),
  data: z.array(Binding).min(1),
  /** short category labels by a row's data path or its key (else the datum's label) */
  labels: z.record(z.string(), z.string()).optional(),
  /** bars in the order of the data instead of by value */
  keep_order: z.boolean().optional(),
  /** bar and small-multiples: \`columns\` draws vertical bars, categories (years) left to right, for a comparison in time */
  orientation: z.enum(['bars', 'columns']).optional(),
  /** two figures of a range stated as two data (a lower and an upper end), drawn as one range bar */
  spans: z.array(z.strictObject({ low: z.string().min(1), high: z.string().min(1) })).optional(),
  /** stacked-100: the name of what the parts leave of their whole */
  rest: z.string().min(1).optional(),
  /** a source for what the bound figures do not carry */
  source: z.string().min(1).optional(),
  /** the categories that carry the message (by item key or data path): their solid bars in the theme's highlight */
  highlight: z.array(z.string().min(1)).min(1).optional(),
  /** a row's change, labelled beside its figure (82.3（+1.5个百分点）): row key or path → the datum of the change, so a small change is read, not guessed from two bars */
  changes: z.record(z.string(), z.string().min(1)).optional(),
  /** rows that are targets (a result's goal), drawn as a line across the result's bar, named 目标 at its top */
  targets: z.array(z.string().min(1)).min(1).optional(),
  /** rows that are upper limits (a target of a lower-is-better measure: 损耗率 ≤ 10%), drawn as a target is, named 上限 */
  limits: z.array(z.string().min(1)).min(1).optional(),
  /** a caveat (what the source leaves open, series of different years): the 注 line's first item, not the subtitle's */
  note: z.string().min(1).optional(),
  /** dumbbell: its rows split by theme into panels stacked on one scale, each titled and sorted by change (review 35, 3.6); `rows` by item key or data path */
  groups: z.array(z.strictObject({ title: z.string().min(1), rows: z.array(z.string().min(1)).min(1) })).min(2).optional(),
});
export const TableSpecSchema = z.strictObject({
  caption: z.string().min(1),
  /** what the table shows, printed under the caption, which states the finding */
  subtitle: z.string().min(1).optional(),
  rows: z.union([z.string(), z.array(z.string()).min(1)]),
  /** short row labels by a row's data path or its key (else the row's label) */
  labels: z.record(z.string(), z.string()).optional(),
  /**
   * `part`: one part of a figure per column — what it measures, its number, or its unit — for a field whose rows differ in unit (one unit per column);
   *   `stated`: what it measures and the figure with its unit, as a sentence says it (潜在损失率12%, 平均损失周期8个月), where bare figures of different units would read as one scale;
   *   `indicator`: what it measures and which way (the datum's `measure`: 合作摩擦率降低), for a column beside its figures with their units;
   * `spanner`: a heading over adjacent columns that share it (关键比率 over 2024年实际 | 2025年预测), set once above them, with their common unit;
   * `from` (with `field: value`): one datum path per row, in the rows' order — a figure the row does not hold itself (a 2025 forecast beside its 2024 value, a result beside its target)
   */
  columns: z.array(z.strictObject({ header: z.string().min(1), field: z.string().min(1), spanner: z.string().min(1).optional(), from: z.array(z.string().min(1)).min(1).optional(), align: z.enum(['left', 'right', 'center']).optional(), part: z.enum(['measure', 'number', 'unit', 'stated', 'indicator']).optional(), unit: z.string().min(1).optional() })).min(1),
  footer: z.strictObject({ label: z.string().min(1), from: z.string().min(1), field: z.string().min(1).optional() }).optional(),
  /** a column whose repeated values are merged into one cell (rowspan); a list merges each next column's repeats within the previous one's cell (案例 | 做法) */
  group_by: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  note: z.string().optional(),
  /** a source for tables of texts (figures carry their own) */
  source: z.string().min(1).optional(),
});

/** Where a path inside the spec file is, for messages: (['data', 0, 'from']) → file:line:col. */
export type SpecPositions = (path: (string | number)[]) => Position;
type Loaded = { id: string; file: string; at: SpecPositions };
export type ChartSpec = z.infer<typeof ChartSpecSchema> & Loaded;
export type TableSpec = z.infer<typeof TableSpecSchema> & Loaded;

/**
 * One spec file loaded: the validated spec (when valid), where each of its paths is written,
 * and the file's problems. Plain data, a function of the file's bytes: the build caches it by
 * their hash (build-cache.ts).
 */
export interface SpecPart {
  id: string;
  file: string;
  spec?: Record<string, unknown>;
  /** JSON of a path (["data", 0, "from"]) → where its value (or, for an empty value, its key) is written */
  positions: [string, Position][];
  diagnostics: Diagnostic[];
}

export function loadSpecFile(file: SourceFile, schema: z.ZodObject): SpecPart {
  const id = basename(file.path).replace(/\.ya?ml$/, '');
  const part: SpecPart = { id, file: file.path, positions: [], diagnostics: [] };
  const { parsed, diagnostics: unreadable } = readYamlSource(file);
  part.diagnostics.push(...unreadable);
  if (!parsed) return part;
  const input = parsed.doc.toJS();
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) {
    part.diagnostics.push(...zodDiagnostics(r.error, parsed, parsed.doc.contents, (rel) => [id, ...rel].join('.'), input, Object.keys(schema.shape).join(', ')));
    return part;
  }
  const positions: [string, Position][] = [];
  const walk = (node: YamlNode | null | undefined, key: YamlNode | undefined, path: (string | number)[]) => {
    positions.push([JSON.stringify(path), parsed.at(node ?? key)]);
    if (isMap(node)) for (const pair of node.items) walk(pair.value as YamlNode | null, pair.key as YamlNode, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item as YamlNode, undefined, [...path, i]));
  };
  walk(parsed.doc.contents as YamlNode, undefined, []);
  return { ...part, spec: r.data as Record<string, unknown>, positions };
}

/** The loaded specs of a kind, from their files' parts (`partOf`: cached or freshly loaded). */
function loadAll<S extends z.ZodObject>(files: SourceFile[], schema: S, partOf: (file: SourceFile, schema: S) => SpecPart): { specs: (z.infer<S> & Loaded)[]; diagnostics: Diagnostic[] } {
  const specs: (z.infer<S> & Loaded)[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const part = partOf(file, schema);
    diagnostics.push(...part.diagnostics);
    if (!part.spec) continue;
    const positions = new Map(part.positions);
    // where a path is written: its own node, or the deepest one of it that is written
    const at: SpecPositions = (path) => {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(JSON.stringify(path.slice(0, n)));
        if (p) return p;
      }
      return { file: part.file };
    };
    specs.push({ ...(part.spec as z.infer<S>), id: part.id, file: part.file, at });
  }
  return { specs, diagnostics };
}

type PartOf = (file: SourceFile, schema: z.ZodObject) => SpecPart;

export function loadChartSpecs(files: SourceFile[], partOf: PartOf = loadSpecFile) {
  return loadAll(files, ChartSpecSchema, partOf) as { specs: ChartSpec[]; diagnostics: Diagnostic[] };
}

/** The ids of the key-figure callouts: unnumbered, so neither a {{ref}} nor the numbering counts them. */
export const calloutIds = (specs: ChartSpec[]): Set<string> => new Set(specs.filter((s) => s.form === 'callout').map((s) => s.id));

export function loadTableSpecs(files: SourceFile[], partOf: PartOf = loadSpecFile) {
  return loadAll(files, TableSpecSchema, partOf) as { specs: TableSpec[]; diagnostics: Diagnostic[] };
}

/** Every data path a chart or table binds, checked against the data set. */
export function checkSpecPaths(spec: { file: string; id: string }, paths: string[], known: (p: string) => boolean, kind: 'CHART_SPEC' | 'TABLE_SPEC'): Diagnostic[] {
  return paths.filter((p) => !known(p)).map((p) => diag(kind, { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
}
