/**
 * Charts and tables: which changed between two editions, and how.
 *
 * A chart changed when its drawing (the SVG as printed), caption or source note differs; a chart
 * that only moved (图2-1 → 图2-2) is reported as renumbered. A table is compared cell by cell,
 * rows matched by the datum they show (or their first cell), so a changed figure reads
 * "阿里巴巴 · 市场份额: 35.2% → 36.0%".
 */
import type { DataDiff } from './diff-data.ts';
import type { ChartFacts, TableFacts } from './read-report.ts';

export type Aspect = 'drawing' | 'caption' | 'source' | 'number' | 'header' | 'cells';

/** What charts and tables share in a diff: identity, number, caption, what changed and why. */
interface NumberedChange {
  id: string;
  change: 'changed' | 'added' | 'removed';
  label: string;
  labelBefore?: string;
  caption: string;
  aspects: Aspect[];
  /** changed data shown in it */
  paths: string[];
}

export interface ChartChange extends NumberedChange {
  /** before/after images, relative to out/diff/ (set when drawn) */
  images?: { before?: string; after?: string };
}

export interface CellChange {
  row: string;
  column: string;
  before?: string;
  after?: string;
  path?: string;
  /** where in the new table: row and column index (row counts body rows, then footer rows) */
  at?: [number, number];
}

export interface TableChange extends NumberedChange {
  cells: CellChange[];
}

export function diffCharts(before: ChartFacts[], after: ChartFacts[], data?: DataDiff): ChartChange[] {
  return diffNumbered('chart', before, after, data, (o, c) => ({ first: o.svg !== c.svg ? ['drawing'] : [], last: [], extra: {} }), {});
}

export function diffTables(before: TableFacts[], after: TableFacts[], data?: DataDiff): TableChange[] {
  return diffNumbered(
    'table',
    before,
    after,
    data,
    (o, t) => {
      const cells = diffCells(o, t);
      const last: Aspect[] = [];
      if (JSON.stringify(o.header) !== JSON.stringify(t.header)) last.push('header');
      if (cells.length) last.push('cells');
      return { first: [], last, extra: { cells } };
    },
    { cells: [] as CellChange[] },
  );
}

/**
 * Numbered things (charts, tables) matched by id: added, removed, or changed in the aspects both
 * share (caption, source note, number) and in their own (`compare`: drawing, header, cells).
 */
function diffNumbered<T extends { id: string; label: string; caption: string; sourceNote: string }, X extends object>(
  kind: 'chart' | 'table',
  before: T[],
  after: T[],
  data: DataDiff | undefined,
  compare: (o: T, t: T) => { first: Aspect[]; last: Aspect[]; extra: X },
  empty: X,
) {
  const old = new Map(before.map((x) => [x.id, x]));
  const changedPaths = changedDataPaths(data);
  const pathsOf = (id: string) => [...(changedPaths.get(`${kind}:${id}`) ?? [])];
  const out: (NumberedChange & X)[] = [];
  for (const t of after) {
    const o = old.get(t.id);
    if (!o) {
      out.push({ id: t.id, change: 'added', label: t.label, caption: t.caption, aspects: [], ...empty, paths: pathsOf(t.id) });
      continue;
    }
    const own = compare(o, t);
    const shared: Aspect[] = [];
    if (o.caption !== t.caption) shared.push('caption');
    if (o.sourceNote !== t.sourceNote) shared.push('source');
    if (o.label !== t.label) shared.push('number');
    const aspects = [...own.first, ...shared, ...own.last];
    if (aspects.length) out.push({ id: t.id, change: 'changed', label: t.label, ...(o.label !== t.label ? { labelBefore: o.label } : {}), caption: t.caption, aspects, ...own.extra, paths: pathsOf(t.id) });
  }
  for (const o of before) if (!after.some((t) => t.id === o.id)) out.push({ id: o.id, change: 'removed', label: o.label, caption: o.caption, aspects: [], ...empty, paths: pathsOf(o.id) });
  return out;
}

/** Rows matched by key (the datum a row shows, else its first cell); cells by column. */
function diffCells(a: TableFacts, b: TableFacts): CellChange[] {
  const key = (row: TableFacts['rows'][number]) => `${row.footer ? 'f' : 'b'}:${row.cells[0]?.path ?? row.cells[0]?.text ?? ''}`;
  const old = new Map(a.rows.map((r) => [key(r), r]));
  const columns = b.header.length ? b.header : a.header;
  const out: CellChange[] = [];
  b.rows.forEach((row, r) => {
    const o = old.get(key(row));
    old.delete(key(row));
    const rowName = row.cells[0]?.text ?? '';
    const width = Math.max(row.cells.length, o?.cells.length ?? 0);
    for (let c = 0; c < width; c++) {
      const before = o?.cells[c]?.text;
      const after = row.cells[c]?.text;
      if (before === after) continue;
      const path = row.cells[c]?.path ?? o?.cells[c]?.path;
      out.push({ row: rowName, column: columns[c] ?? String(c + 1), ...(before !== undefined && o ? { before } : {}), ...(after !== undefined ? { after } : {}), ...(path ? { path } : {}), at: [r, c] });
    }
  });
  for (const o of old.values()) {
    o.cells.forEach((cell, c) => out.push({ row: o.cells[0]?.text ?? '', column: columns[c] ?? String(c + 1), before: cell.text, ...(cell.path ? { path: cell.path } : {}) }));
  }
  return out;
}

/** "chart:id" / "table:id" → the changed data paths that reach it. */
function changedDataPaths(data: DataDiff | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of [...(data?.data ?? []), ...(data?.texts ?? [])]) {
    for (const u of d.reaches) {
      if (u.kind === 'text') continue;
      const k = `${u.kind}:${u.id}`;
      if (!out.has(k)) out.set(k, new Set());
      out.get(k)!.add(d.path);
    }
  }
  return out;
}
