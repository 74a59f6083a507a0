/**
 * What the analysts' spreadsheet holds: a row per datum of every topic file (the edition's own
 * fields and the data texts are no figures), with the columns and their headers. The writer
 * (write-workbook.ts) and the reader (sheet-edits.ts) share this one list of columns, so an
 * exported sheet is read back by the same words.
 */
import type { DataSet } from '../check/load-data.ts';
import type { FieldWords } from '../check/json-schemas.ts';
import { reaches, type Reach } from '../diff/diff-data.ts';
import type { Lineage } from '../edition/lineage.ts';
import { isDatum } from '../model/data-model.ts';

export interface SheetRow {
  /** the data file, and the sheet's name */
  file: string;
  path: string;
  label: string;
  value: number;
  to?: number;
  qualifier?: string;
  unit: string;
  year: string;
  source: string;
  note?: string;
  /** the digits the figure prints with: the sheet's number format */
  decimals: number;
  /** a derived figure: how it is computed ("sum: platforms.share_2024"); read-only in the sheet */
  derived?: string;
  /** every sentence, chart and table it reaches, directly or through the figures derived from it */
  where: Reach[];
}

export const columns = ['path', 'label', 'value', 'to', 'qualifier', 'unit', 'year', 'source', 'note', 'derived', 'where'] as const;
export type Column = (typeof columns)[number];
/** the columns an analyst edits: the numbers (the rest says what a number is, and is checked unchanged) */
export const editable: readonly Column[] = ['value', 'to'];
/** the columns an import checks unchanged: what the figure is */
export const described: readonly Column[] = ['label', 'qualifier', 'unit', 'year', 'source', 'note'];

/** The headers: the fields' titles of templates/data-fields.yaml, and the sheet's own words. */
export function headers(words: FieldWords): Record<Column, string> {
  const f = (k: string) => words.fields[k]?.title ?? k;
  return { path: words.sheet.path, label: f('label'), value: f('value'), to: f('to'), qualifier: f('qualifier'), unit: f('unit'), year: f('year'), source: f('source'), note: f('note'), derived: words.sheet.derived, where: words.sheet.where };
}

/** Every datum of the data set, in file order, with where it is printed. */
export function sheetRows(data: Pick<DataSet, 'nodes'>, lineage: Lineage): SheetRow[] {
  // file order, line by line (derived figures are resolved after the files are read, so come last in the data set)
  const files = [...new Set([...data.nodes.keys()].map((p) => p.split('.')[0]))];
  const datums = [...data.nodes.values()].filter(isDatum).sort((a, b) => files.indexOf(a.path.split('.')[0]) - files.indexOf(b.path.split('.')[0]) || (a.pos.line ?? 0) - (b.pos.line ?? 0));
  const records = Object.fromEntries(datums.map((d) => [d.path, { derived: d.derived }]));
  return datums.map((d) => ({
    file: d.path.split('.')[0],
    path: d.path,
    label: d.label,
    value: d.value,
    ...(d.to !== undefined ? { to: d.to } : {}),
    ...(d.qualifier ? { qualifier: d.qualifier.word } : {}),
    unit: d.unit,
    year: String(d.year),
    source: d.source,
    ...(d.note !== undefined ? { note: d.note } : {}),
    decimals: d.decimals,
    ...(d.derived ? { derived: `${d.derived.kind}: ${d.derived.of.join(', ')}` } : {}),
    where: reaches(d.path, { lineage, data: records }),
  }));
}

/** The rows by data file (a sheet each), files in the order of the data set. */
export function rowsByFile(rows: SheetRow[]): Map<string, SheetRow[]> {
  const out = new Map<string, SheetRow[]>();
  for (const r of rows) out.set(r.file, [...(out.get(r.file) ?? []), r]);
  return out;
}
