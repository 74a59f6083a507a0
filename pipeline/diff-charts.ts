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

export interface ChartChange {
  id: string;
  change: 'changed' | 'added' | 'removed';
  label: string;
  labelBefore?: string;
  caption: string;
  aspects: Aspect[];
  /** changed data drawn in it */
  paths: string[];
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

export interface TableChange {
  id: string;
  change: 'changed' | 'added' | 'removed';
  label: string;
  labelBefore?: string;
  caption: string;
  aspects: Aspect[];
  cells: CellChange[];
  paths: string[];
}

export function diffCharts(before: ChartFacts[], after: ChartFacts[], data?: DataDiff): ChartChange[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const changedPaths = changedDataPaths(data);
  const out: ChartChange[] = [];
  for (const c of after) {
    const o = old.get(c.id);
    const paths = [...changedPaths.get(`chart:${c.id}`) ?? []];
    if (!o) {
      out.push({ id: c.id, change: 'added', label: c.label, caption: c.caption, aspects: [], paths });
      continue;
    }
    const aspects: Aspect[] = [];
    if (o.svg !== c.svg) aspects.push('drawing');
    if (o.caption !== c.caption) aspects.push('caption');
    if (o.sourceNote !== c.sourceNote) aspects.push('source');
    if (o.label !== c.label) aspects.push('number');
    if (aspects.length) out.push({ id: c.id, change: 'changed', label: c.label, ...(o.label !== c.label ? { labelBefore: o.label } : {}), caption: c.caption, aspects, paths });
  }
  for (const o of before) if (!after.some((c) => c.id === o.id)) out.push({ id: o.id, change: 'removed', label: o.label, caption: o.caption, aspects: [], paths: [...changedPaths.get(`chart:${o.id}`) ?? []] });
  return out;
}

export function diffTables(before: TableFacts[], after: TableFacts[], data?: DataDiff): TableChange[] {
  const old = new Map(before.map((t) => [t.id, t]));
  const changedPaths = changedDataPaths(data);
  const out: TableChange[] = [];
  for (const t of after) {
    const o = old.get(t.id);
    const paths = [...changedPaths.get(`table:${t.id}`) ?? []];
    if (!o) {
      out.push({ id: t.id, change: 'added', label: t.label, caption: t.caption, aspects: [], cells: [], paths });
      continue;
    }
    const aspects: Aspect[] = [];
    if (o.caption !== t.caption) aspects.push('caption');
    if (o.sourceNote !== t.sourceNote) aspects.push('source');
    if (o.label !== t.label) aspects.push('number');
    if (JSON.stringify(o.header) !== JSON.stringify(t.header)) aspects.push('header');
    const cells = diffCells(o, t);
    if (cells.length) aspects.push('cells');
    if (aspects.length) out.push({ id: t.id, change: 'changed', label: t.label, ...(o.label !== t.label ? { labelBefore: o.label } : {}), caption: t.caption, aspects, cells, paths });
  }
  for (const o of before) if (!after.some((t) => t.id === o.id)) out.push({ id: o.id, change: 'removed', label: o.label, caption: o.caption, aspects: [], cells: [], paths: [...changedPaths.get(`table:${o.id}`) ?? []] });
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
