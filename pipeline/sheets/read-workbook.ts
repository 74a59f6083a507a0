/**
 * An edited spreadsheet as plain cells: every sheet of a workbook (or the one sheet of a CSV,
 * named after its file), each row's cells with their address, value and number format. CSV cells
 * stay text (exceljs would otherwise guess numbers and dates): sheet-edits.ts reads numbers
 * itself, so "1,234" and "35.2%" are reported instead of guessed.
 */
import { Readable } from 'node:stream';
import type { CellValue } from 'exceljs';
import { BuildError, diag } from '../core/errors.ts';
import type { SheetFormat } from './write-workbook.ts';

export interface SheetCell {
  /** D7 */
  address: string;
  value: number | string | null;
  /** the cell's number format (a % format turns 35.2% typed into 0.352) */
  numFmt?: string;
}

export interface SheetTable {
  sheet: string;
  header: SheetCell[];
  rows: { number: number; cells: SheetCell[] }[];
}

/** What a cell shows as a plain value: a formula's result, rich text's text, a date as written. */
function plain(v: CellValue): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('result' in v) return plain((v as { result?: CellValue }).result ?? null);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return String(v);
}

export async function readWorkbook(bytes: Uint8Array, format: SheetFormat, csvSheet: string): Promise<SheetTable[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    if (format === 'csv') {
      const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      await wb.csv.read(Readable.from([text]), { sheetName: csvSheet, map: (v: string) => (v === '' ? null : v) });
    } else await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new BuildError([diag('SHEET_UNREADABLE', { detail: (e as Error).message })], { cause: e });
  }
  return wb.worksheets.map((ws) => {
    const table: SheetTable = { sheet: ws.name, header: [], rows: [] };
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: SheetCell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push({ address: cell.address, value: plain(cell.value), ...(cell.numFmt ? { numFmt: cell.numFmt } : {}) });
      }
      if (number === 1) table.header = cells;
      else table.rows.push({ number, cells });
    });
    return table;
  });
}
