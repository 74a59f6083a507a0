/** Tables from data: each row a datum or a record of the data, each cell formatted by format.ts. */
import { bindRows } from '../model/bind-rows.ts';
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import { around, wrongToken } from '../core/wrong-output.ts';
import { formatQuantity } from '../model/format.ts';
import { rangeStyleOf, type RangeStyle } from '../model/vocabulary.ts';
import type { Locale } from '../model/locale.ts';
import type { TableSpec } from '../check/load-specs.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';

export interface Cell {
  text: string;
  align: 'left' | 'right' | 'center';
  path?: string;
}

export interface RenderedTable {
  id: string;
  caption: string;
  columns: { header: string; align: string }[];
  rows: { cells: Cell[] }[];
  footer?: Cell[];
  sourceNote: string;
  note?: string;
  paths: string[];
}

export function renderTables(specs: TableSpec[], nodes: Map<string, DataNode>, locale: Locale): RenderedTable[] {
  const diagnostics: Diagnostic[] = [];
  const tables = specs.map((spec) => renderTable(spec, nodes, locale, diagnostics));
  if (diagnostics.length) throw new BuildError(diagnostics);
  return tables;
}

function renderTable(spec: TableSpec, nodes: Map<string, DataNode>, locale: Locale, out: Diagnostic[]): RenderedTable {
  const range: RangeStyle = rangeStyleOf(locale);
  const shown = (d: Datum) => formatQuantity(d, d.unit, d.decimals, range);
  const bound = bindRows(spec.rows, nodes, range);
  for (const p of bound.missing) out.push(diag('TABLE_SPEC', { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
  const datums: Datum[] = [...bound.datums];
  const rows = bound.rows.map((row) => ({
    cells: spec.columns.map((col): Cell => {
      const rowPath = row.path as string;
      const node = col.field === 'label' ? undefined : nodes.get(col.field === 'value' || col.field === 'year' || col.field === 'source' ? rowPath : `${rowPath}.${col.field}`);
      if (col.field === 'label') return { text: row.label, align: col.align ?? 'left', path: rowPath };
      if (isDatum(node)) {
        const text = col.field === 'year' ? String(node.year) : col.field === 'source' ? node.source : shown(node);
        return { text, align: col.align ?? (col.field === 'source' ? 'left' : 'right'), path: node.path };
      }
      if (node?.kind === 'text') return { text: node.text, align: col.align ?? 'left', path: node.path };
      out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": row "${rowPath}" has no field "${col.field}"` }, { file: spec.file, dataPath: `${rowPath}.${col.field}` }));
      return { text: '', align: 'left' };
    }),
  }));
  let footer: Cell[] | undefined;
  if (spec.footer) {
    const total = nodes.get(spec.footer.from);
    if (!isDatum(total)) out.push(diag('TABLE_SPEC', { detail: `footer: unknown figure "${spec.footer.from}"` }, { file: spec.file, dataPath: spec.footer.from }));
    else {
      datums.push(total);
      // the total goes under the column named by footer.field (default: the value column)
      const field = spec.footer.field ?? 'value';
      if (!spec.columns.some((c) => c.field === field)) out.push(diag('TABLE_SPEC', { detail: `footer: no column with field "${field}"` }, { file: spec.file }));
      footer = spec.columns.map((c, i): Cell => (i === 0 ? { text: spec.footer!.label, align: 'left' } : c.field === field ? { text: shown(total), align: c.align ?? 'right', path: total.path } : { text: '', align: 'left' }));
    }
  }
  for (const cell of [...rows.flatMap((r) => r.cells), ...(footer ?? [])]) {
    const token = wrongToken(cell.text);
    if (token !== undefined) out.push(diag('PRINTS_WRONG', { what: `table "${spec.id}"`, token, text: around(cell.text, token) }, { file: spec.file, line: 1, column: 1, dataPath: cell.path }));
  }
  const sources = [...new Set(datums.map((d) => d.source))];
  return {
    id: spec.id,
    caption: spec.caption,
    columns: spec.columns.map((c) => ({ header: c.header, align: c.align ?? (c.field === 'value' ? 'right' : 'left') })),
    rows,
    footer,
    sourceNote: sources.length ? `${locale.source_prefix}${sources.join(locale.list_separator)}` : '',
    note: spec.note,
    // every datum and text a cell shows: a changed text reaches this table too
    paths: [...new Set([...datums.map((d) => d.path), ...rows.flatMap((r) => r.cells.map((c) => c.path)).filter((p): p is string => !!p && nodes.get(p)?.kind !== 'group')])],
  };
}
