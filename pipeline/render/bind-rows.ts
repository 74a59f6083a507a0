/** Data rows for charts and tables: a group path gives one row per item; a list gives one row per path. */
import { formatValue } from '../model/format.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';

export interface Row {
  key: string;
  label: string;
  series?: string;
  /** for datum rows */
  value?: number;
  unit?: string;
  year?: number | string;
  source?: string;
  display?: string;
  /** record rows: one field per child (number for datums, string for texts) */
  [field: string]: unknown;
}

export interface BoundRows {
  rows: Row[];
  /** every datum that reached the rows: sources and lineage come from these */
  datums: Datum[];
  /** paths that did not resolve */
  missing: string[];
}

export function bindRows(from: string | string[], nodes: Map<string, DataNode>, series?: string): BoundRows {
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
      out.rows.push({ key, label: node.label, series, value: node.value, unit: node.unit, year: node.year, source: node.source, display: formatValue(node.value, node.unit, node.decimals), path });
    } else if (node.kind === 'group') {
      const row: Row = { key, label: node.label ?? key, series, path };
      for (const k of node.keys) {
        const child = nodes.get(`${path}.${k}`);
        if (isDatum(child)) {
          out.datums.push(child);
          row[k] = child.value;
          row[`${k}_display`] = formatValue(child.value, child.unit, child.decimals);
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
