/**
 * `npm run check`, and the first step of every build: data, chapters, charts and tables are
 * checked without a browser, and every problem of the run is reported at once.
 */
import { diag, type Diagnostic } from './errors.ts';
import { BuildError } from './errors.ts';
import { loadData } from './load-data.ts';
import { checkChapters, type Placement } from './check-chapters.ts';
import { checkSpecPaths, loadChartSpecs, loadTableSpecs, type ChartSpec, type TableSpec } from './load-specs.ts';
import type { DataSet } from './model.ts';
import { parseChapters, type ChapterSource } from './parse-chapter.ts';
import type { Inputs } from './read-inputs.ts';

export interface Checked {
  data: DataSet;
  chapters: ChapterSource[];
  charts: ChartSpec[];
  tables: TableSpec[];
  placements: Placement[];
  /** warnings only: errors throw */
  warnings: Diagnostic[];
}

export function checkInputs(inputs: Inputs): Checked {
  const diagnostics: Diagnostic[] = [];
  let data: DataSet | undefined;
  try {
    data = loadData(inputs.data);
    diagnostics.push(...data.warnings);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    diagnostics.push(...e.diagnostics);
  }
  const parsed = parseChapters(inputs.chapters);
  const charts = loadChartSpecs(inputs.charts);
  const tables = loadTableSpecs(inputs.tables);
  diagnostics.push(...parsed.diagnostics, ...charts.diagnostics, ...tables.diagnostics);

  let placements: Placement[] = [];
  if (data) {
    const known = { figure: new Set(charts.specs.map((s) => s.id)), table: new Set(tables.specs.map((s) => s.id)) };
    const checked = checkChapters(parsed.chapters, data.nodes, known);
    diagnostics.push(...checked.diagnostics);
    placements = checked.placements;
    const has = (p: string) => data!.nodes.has(p);
    const used = new Set(checked.usedPaths);
    for (const s of charts.specs) {
      const paths = s.data.flatMap((b) => (typeof b.from === 'string' ? [b.from] : b.from));
      diagnostics.push(...checkSpecPaths(s, paths, has, 'CHART_SPEC'));
      paths.forEach((p) => used.add(p));
    }
    for (const s of tables.specs) {
      const paths = [...(typeof s.rows === 'string' ? [s.rows] : s.rows), ...(s.footer ? [s.footer.from] : [])];
      diagnostics.push(...checkSpecPaths(s, paths, has, 'TABLE_SPEC'));
      paths.forEach((p) => used.add(p));
    }
    diagnostics.push(...unusedData(data, used));
    const placed = new Set(placements.map((p) => p.id));
    for (const s of [...charts.specs, ...tables.specs]) {
      if (!placed.has(s.id)) diagnostics.push(diag('DATA_UNUSED', { path: s.id }, { file: s.file }, 'warning'));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !data) throw new BuildError(errors);
  return { data, chapters: parsed.chapters, charts: charts.specs, tables: tables.specs, placements, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

/** A datum nobody prints is either dead data or a figure the prose forgot: warn. */
function unusedData(data: DataSet, used: Set<string>): Diagnostic[] {
  const reached = new Set<string>();
  for (const p of used) {
    reached.add(p);
    // a group path used by a chart or table reaches all its items
    for (const key of data.nodes.keys()) if (key.startsWith(p + '.')) reached.add(key);
  }
  // operands of a used derived figure are used too
  for (const n of data.nodes.values()) if (n.kind === 'datum' && n.derived && reached.has(n.path)) n.derived.of.forEach((p) => reached.add(p));
  const out: Diagnostic[] = [];
  for (const n of data.nodes.values()) {
    if (n.kind === 'group' || reached.has(n.path)) continue;
    out.push(diag('DATA_UNUSED', { path: n.path }, { ...n.pos, dataPath: n.path }));
  }
  return out;
}
