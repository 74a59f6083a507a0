/**
 * Exactly the data a figure draws, as the reader downloads it: one line per datum, with its
 * unit, year and source. A chart's lines come from the same rows the chart is drawn from
 * (bindRows with the spec's `data:`); a table's from the data its cells show.
 */
import type { ChartSpec } from '../check/load-specs.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import { formatQuantity, formatScaledCount } from '../model/format.ts';
import type { UnitTable } from '../model/units.ts';
import { rangeStyleOf } from '../model/vocabulary.ts';
import type { Locale } from '../model/locale.ts';
import { bindRows, type Row } from '../model/bind-rows.ts';
import type { RenderedTable } from '../render/render-tables.ts';

/** One datum of a figure. `field`: a record's child (a row of several figures), else empty. */
export interface DataLine {
  figure: string;
  label: string;
  series: string;
  field: string;
  value: number;
  to: number | '';
  qualifier: string;
  display: string;
  unit: string;
  year: number | string;
  source: string;
  path: string;
}

export const lineKeys = ['figure', 'label', 'series', 'field', 'value', 'to', 'qualifier', 'display', 'unit', 'year', 'source', 'path'] as const satisfies readonly (keyof DataLine)[];

export interface ChartData {
  /** the rows the chart is drawn from (as vega gets them) */
  rows: Record<string, unknown>[];
  lines: DataLine[];
}

/**
 * How the site writes a datum's shown value: in the locale's range style, and a count by its
 * magnitude as the prose prints it (1.2亿人, not 12,000万人) when the units are given.
 */
export interface Printing {
  locale: Locale;
  units?: UnitTable;
}

export function chartData(spec: ChartSpec, label: string, nodes: Map<string, DataNode>, printing: Printing): ChartData {
  const { locale } = printing;
  const rows: Row[] = spec.data.flatMap((b) => bindRows(b.from, nodes, rangeStyleOf(locale), b.series).rows);
  const lines = rows.flatMap((row) => {
    const node = nodes.get(String(row.path));
    if (isDatum(node)) return [lineOf(label, node, printing, row.label, row.series)];
    if (node?.kind !== 'group') return [];
    return node.keys.map((k) => nodes.get(`${node.path}.${k}`)).filter(isDatum).map((d) => lineOf(label, d, printing, row.label, row.series, d.path.split('.').pop()!));
  });
  return { rows: rows.map((r) => withProvenance(r, lines, locale)), lines };
}

/** A row of several figures (a record) gets its figures' years and sources, for the tooltip. */
function withProvenance({ path, ...row }: Row, lines: DataLine[], locale: Locale): Record<string, unknown> {
  if (row.source !== undefined) return row;
  const mine = lines.filter((l) => l.path.startsWith(`${path}.`));
  const joined = (k: 'year' | 'source') => [...new Set(mine.map((l) => String(l[k])))].join(locale.list_separator);
  return mine.length ? { ...row, year: joined('year'), source: joined('source') } : row;
}

/**
 * A table's cells as shown: the header row, then each row with a merged group label (a cell
 * spanning rows, left out of the rows after its first) written into every row it spans.
 */
export function tableCells(table: Pick<RenderedTable, 'columns' | 'rows' | 'footer'>): string[][] {
  const spans: { text: string; left: number }[] = [];
  const body = table.rows.map(({ cells }) => {
    const row: string[] = [];
    let k = 0;
    for (let col = 0; col < table.columns.length; col++) {
      const span = spans[col];
      if (span?.left) {
        row.push(span.text);
        span.left--;
        continue;
      }
      const cell = cells[k++];
      row.push(cell?.text ?? '');
      if (cell?.rowspan) spans[col] = { text: cell.text, left: cell.rowspan - 1 };
    }
    return row;
  });
  return [table.columns.map((c) => c.header), ...body, ...(table.footer ? [table.footer.map((c) => c.text)] : [])];
}

/** A table's data: every datum its cells show, in the table's order. */
export function tableData(paths: string[], label: string, nodes: Map<string, DataNode>, printing: Printing): DataLine[] {
  return paths.map((p) => nodes.get(p)).filter(isDatum).map((d) => lineOf(label, d, printing, d.label));
}

function lineOf(figure: string, d: Datum, printing: Printing, label: string, series = '', field = ''): DataLine {
  const range = rangeStyleOf(printing.locale);
  return {
    figure,
    label,
    series,
    field,
    value: d.value,
    to: d.to ?? '',
    qualifier: d.qualifier?.word ?? '',
    display: (printing.units && formatScaledCount(printing.units, d, d.unit, d.decimals, range)) ?? formatQuantity(d, d.unit, d.decimals, range),
    unit: d.unit,
    year: d.year,
    source: d.source,
    path: d.path,
  };
}

/** Every datum of the data set, in file order; `figure`: the labels of the figures and tables that show it. */
export function everyDatum(nodes: Map<string, DataNode>, printing: Printing, figures: { label: string; data: DataLine[] }[]): DataLine[] {
  const { locale } = printing;
  const shownIn = new Map<string, string[]>();
  for (const f of figures) for (const l of f.data) if (!shownIn.get(l.path)?.includes(f.label)) shownIn.set(l.path, [...(shownIn.get(l.path) ?? []), f.label]);
  return [...nodes.values()].filter(isDatum).map((d) => lineOf((shownIn.get(d.path) ?? []).join(locale.list_separator), d, printing, d.label));
}
