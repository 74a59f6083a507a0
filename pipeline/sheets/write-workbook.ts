/**
 * `npm run data -- export`: the rows as a workbook (a sheet per data file) or one CSV. Headers in
 * the analysts' words, frozen; widths to fit; each number shown with the digits it prints with;
 * derived figures grey and, like every cell but the numbers an analyst may change, locked (the
 * sheets are protected without a password: a guard against slips, not a lock). CSV has no styles:
 * its numbers are written as the report writes them (11.0, not 11), with a byte-order mark so
 * spreadsheet programs read it as UTF-8.
 */
import type { Worksheet } from 'exceljs';
import type { FieldWords } from '../check/json-schemas.ts';
import { reachSummary } from '../diff/diff-summary.ts';
import { columns, editable, headers, rowsByFile, type Column, type SheetRow } from './sheet-rows.ts';

export type SheetFormat = 'xlsx' | 'csv';
/** the one sheet of a CSV export (the data file is the first segment of each path) */
export const csvSheet = 'data';

const widths: Record<Column, number> = { path: 38, label: 48, value: 10, to: 10, qualifier: 8, unit: 10, year: 10, source: 18, note: 30, derived: 30, where: 40 };
const grey = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
export const numberFormat = (decimals: number) => (decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');

/** A row's cells in column order: numbers as numbers (xlsx) or as the report writes them (csv). */
function cellsOf(r: SheetRow, words: FieldWords, format: SheetFormat): (string | number | null)[] {
  // in CSV as printed (11.0), unless the printed digits would lose what data/ holds (a derived figure is shown as printed)
  const digits = (n: number) => (r.derived || Number(n.toFixed(r.decimals)) === n ? n.toFixed(r.decimals) : String(n));
  const num = (n: number | undefined) => (n === undefined ? null : format === 'csv' ? digits(n) : n);
  const year = format === 'xlsx' && /^\d{4}$/.test(r.year) ? Number(r.year) : r.year;
  const by: Record<Column, string | number | null> = { path: r.path, label: r.label, value: num(r.value), to: num(r.to), qualifier: r.qualifier ?? null, unit: r.unit, year, source: r.source, note: r.note ?? null, derived: r.derived ?? null, where: reachSummary(r.where, words.sheet.not_printed) };
  return columns.map((c) => by[c]);
}

function fill(ws: Worksheet, rows: SheetRow[], words: FieldWords, format: SheetFormat): void {
  const head = headers(words);
  ws.columns = columns.map((c) => ({ header: head[c], key: c, width: widths[c] }));
  for (const r of rows) ws.addRow(cellsOf(r, words, format));
  if (format === 'csv') return;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const c of ['value', 'to'] as const) row.getCell(columns.indexOf(c) + 1).numFmt = numberFormat(r.decimals);
    if (r.derived) {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = grey;
        cell.font = { color: { argb: 'FF595959' } };
      });
      return;
    }
    for (const c of editable) row.getCell(columns.indexOf(c) + 1).protection = { locked: false };
  });
}

export async function workbookBytes(rows: SheetRow[], words: FieldWords, format: SheetFormat): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs'); // loaded by the data command only
  const wb = new ExcelJS.Workbook();
  if (format === 'csv') {
    fill(wb.addWorksheet(csvSheet), rows, words, format);
    return new Uint8Array(await wb.csv.writeBuffer({ formatterOptions: { writeBOM: true } }));
  }
  for (const [file, own] of rowsByFile(rows)) {
    const ws = wb.addWorksheet(file);
    fill(ws, own, words, format);
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: true });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
