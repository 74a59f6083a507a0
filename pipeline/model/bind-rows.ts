/**
 * Data rows for charts and tables: a group path gives one row per item; a list gives one row per
 * path. A row carries what a chart needs to draw a qualified figure honestly: its `reading`
 * (exact, about, over, under, range), its qualifier word and a range's upper end (`to`), and the
 * figure as the prose prints it (`display`).
 */
import { formatQuantity } from './format.ts';
import { isDatum, type DataNode, type Datum } from './data-model.ts';
import { readingOf, type Reading } from './qualifiers.ts';
import type { RangeStyle } from './vocabulary.ts';

export interface Row {
  key: string;
  label: string;
  series?: string;
  /** for datum rows */
  value?: number;
  /** a range's upper end (`value` is its lower end) */
  to?: number;
  qualifier?: string;
  reading?: Reading;
  unit?: string;
  year?: number | string;
  source?: string;
  display?: string;
  /** record rows: per child datum `<key>` (its value), `<key>_display`, `<key>_reading`, and `<key>_to`, `<key>_qualifier` when it has them; per child text `<key>` */
  [field: string]: unknown;
}

export interface BoundRows {
  rows: Row[];
  /** every datum that reached the rows: sources and lineage come from these */
  datums: Datum[];
  /** paths that did not resolve */
  missing: string[];
}

/** A datum's fields for a row, each name prefixed (`size_` for a record's child `size`). */
function figureFields(d: Datum, range: RangeStyle, prefix = ''): Record<string, unknown> {
  return {
    [prefix ? prefix.slice(0, -1) : 'value']: d.value,
    ...(d.to !== undefined ? { [`${prefix}to`]: d.to } : {}),
    ...(d.qualifier ? { [`${prefix}qualifier`]: d.qualifier.word } : {}),
    [`${prefix}reading`]: readingOf(d),
    [`${prefix}display`]: formatQuantity(d, d.unit, d.decimals, range),
  };
}

export function bindRows(from: string | string[], nodes: Map<string, DataNode>, range: RangeStyle, series?: string): BoundRows {
  const out: BoundRows = { rows: [], datums: [], missing: [] };
  const paths = typeof from === 'string' ? itemsOf(from, nodes, out) : from;
  for (const path of paths) {
    const node = nodes.get(path);
    if (!node) {
      out.missing.push(path);
      continue;
    }
    const key = path.split('.').pop()!;
    if (isDatum(node)) {
      out.datums.push(node);
      out.rows.push({ key, label: node.label, series, ...figureFields(node, range), unit: node.unit, year: node.year, source: node.source, path });
    } else if (node.kind === 'group') {
      const row: Row = { key, label: node.label ?? key, series, path };
      for (const k of node.keys) {
        const child = nodes.get(`${path}.${k}`);
        if (isDatum(child)) {
          out.datums.push(child);
          Object.assign(row, figureFields(child, range, `${k}_`));
        } else if (child?.kind === 'text') row[k] = child.text;
      }
      out.rows.push(row);
    } else out.rows.push({ key, label: node.text, series, path });
  }
  return out;
}

function itemsOf(path: string, nodes: Map<string, DataNode>, out: BoundRows): string[] {
  const node = nodes.get(path);
  if (!node) {
    out.missing.push(path);
    return [];
  }
  return node.kind === 'group' ? node.keys.map((k) => `${path}.${k}`) : [path];
}
