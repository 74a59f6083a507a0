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

export function toCsv(lines: DataLine[], words: SiteWords): string {
  const header = lineKeys.map((k) => words.columns[k]);
  return BOM + [header, ...lines.map((l) => lineKeys.map((k) => l[k]))].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface FigureJson {
  id: string;
  label: string;
  caption: string;
  sources: string[];
  data: DataLine[];
}

export function toJson(value: FigureJson | { data: DataLine[]; figures: FigureJson[] }): string {
  return JSON.stringify(value, null, 2) + '\n';
}
