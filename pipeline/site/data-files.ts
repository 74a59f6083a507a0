/**
 * A figure's data as files: CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese right;
 * RFC 4180 quoting, CRLF) with the site's column names, and JSON with the same lines under
 * stable English keys.
 */
import { lineKeys, type DataLine } from './figure-data.ts';
import type { SiteWords } from './site-templates.ts';

const BOM = '\uFEFF';

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvRows = (rows: unknown[][]) => BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export function toCsv(lines: DataLine[], words: SiteWords): string {
  return csvRows([lineKeys.map((k) => words.columns[k]), ...lines.map((l) => lineKeys.map((k) => l[k]))]);
}

/** A table of words (no figure in it) as the reader sees it: its header row, then its rows. */
export function gridCsv(cells: string[][]): string {
  return csvRows(cells);
}

export interface FigureJson {
  id: string;
  label: string;
  caption: string;
  sources: string[];
  data: DataLine[];
  /** a table's cells as shown, its header row first (a merged group label in each of its rows) */
  cells?: string[][];
}

export function toJson(value: FigureJson | { data: DataLine[]; figures: FigureJson[] }): string {
  return JSON.stringify(value, null, 2) + '\n';
}
