/**
 * An edited spreadsheet against the data as it stands: which values changed, and everything
 * wrong with the sheet, each at its sheet!cell — text or an empty cell where a number belongs, a
 * percentage or thousands separator typed, a path that names no datum, a datum's second row, an
 * edited derived figure, a changed unit or other description. All problems of the sheet at once.
 */
import { closest } from '../core/did-you-mean.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { FieldWords } from '../check/json-schemas.ts';
import { columns, described, editable, headers, type Column, type SheetRow } from './sheet-rows.ts';
import type { SheetCell, SheetTable } from './read-workbook.ts';

export interface ValueEdit {
  path: string;
  field: 'value' | 'to';
  before: number;
  after: number;
  /** platforms!D7 */
  cell: string;
}

/** the columns a sheet must keep: without them no row can be read */
const required: readonly Column[] = ['path', 'value', 'unit'];

/** Two numbers that are the same figure: a sheet's binary double may differ from YAML's in the last bits. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

type Parsed = { ok: true; value: number | undefined } | { ok: false; problem: Diagnostic };

/** A number cell as the analyst typed it, or why it is none. */
function readNumber(cell: SheetCell, ref: string, column: string, path: string, where: { file: string }): Parsed {
  const at = { ...where, dataPath: path };
  const v = cell.value;
  if (v === null) return { ok: true, value: undefined };
  if (typeof v === 'number') {
    if (cell.numFmt?.includes('%')) return { ok: false, problem: diag('SHEET_PERCENT_TYPED', { cell: ref, found: `${+(v * 100).toPrecision(12)}%`, plain: String(+(v * 100).toPrecision(12)) }, at) };
    return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, problem: diag('SHEET_NOT_A_NUMBER', { cell: ref, column, found: String(v) }, at) };
  }
  const text = v.trim();
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return { ok: true, value: Number(text) };
  const bare = text.replace(/\s*[%％]$/, '');
  if (bare !== text && /^[-+]?\d+(\.\d+)?$/.test(bare)) return { ok: false, problem: diag('SHEET_PERCENT_TYPED', { cell: ref, found: `"${text}"`, plain: bare }, at) };
  if (/^[-+]?\d{1,3}([,，'\u00a0 ]\d{3})+(\.\d+)?$/.test(text)) return { ok: false, problem: diag('SHEET_THOUSANDS_SEPARATOR', { cell: ref, found: `"${text}"`, plain: text.replace(/[,，'\u00a0 ]/g, '') }, at) };
  return { ok: false, problem: diag('SHEET_NOT_A_NUMBER', { cell: ref, column, found: text === '' ? 'an empty cell' : `"${text}"` }, at) };
}

const shown = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '(empty)' : `"${v}"`);
const asText = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The value edits of every sheet, and the problems. `file`: the spreadsheet as the user named it
 * (the diagnostics' file); `current`: the rows of the data as it stands.
 */
export function readEdits(tables: SheetTable[], current: SheetRow[], words: FieldWords, file: string): { edits: ValueEdit[]; problems: Diagnostic[] } {
  const byPath = new Map(current.map((r) => [r.path, r]));
  const head = headers(words);
  const edits: ValueEdit[] = [];
  const problems: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const t of tables) {
    const index = new Map<Column, number>();
    for (const c of columns) {
      const i = t.header.findIndex((h) => asText(h.value) === head[c]);
      if (i >= 0) index.set(c, i);
    }
    const missing = required.filter((c) => !index.has(c));
    if (missing.length) {
      for (const c of missing) problems.push(diag('SHEET_HEADER', { cell: `${t.sheet}!1:1`, expected: head[c], found: t.header.map((h) => shown(h.value)).join(', ') || 'no header row' }, { file }));
      continue;
    }
    for (const row of t.rows) {
      const cell = (c: Column): SheetCell => {
        const i = index.get(c);
        return (i === undefined ? undefined : row.cells[i]) ?? { address: '', value: null };
      };
      const ref = (c: Column) => `${t.sheet}!${cell(c).address}`;
      if (row.cells.every((c) => asText(c.value) === '')) continue;
      const path = asText(cell('path').value);
      const datum = byPath.get(path);
      if (!datum) {
        problems.push(diag('SHEET_UNKNOWN_PATH', { cell: ref('path'), path, suggestion: closest(path, [...byPath.keys()]) }, { file }));
        continue;
      }
      const first = seen.get(path);
      if (first) {
        problems.push(diag('SHEET_DUPLICATE_ROW', { cell: ref('path'), path, first }, { file, dataPath: path }));
        continue;
      }
      seen.set(path, ref('path'));
      const yamlFile = `data/${datum.file}.yaml`;
      for (const c of described) {
        if (!index.has(c)) continue;
        const was = asText(datum[c as 'unit']);
        const now = asText(cell(c).value);
        if (was === now) continue;
        if (c === 'unit') problems.push(diag('SHEET_UNIT_CHANGED', { cell: ref(c), path, from: was, to: shown(now), file: yamlFile }, { file, dataPath: path }));
        else problems.push(diag('SHEET_FIELD_CHANGED', { cell: ref(c), path, column: head[c], from: shown(was), to: shown(now), file: yamlFile }, { file, dataPath: path }));
      }
      for (const field of editable as ('value' | 'to')[]) {
        if (!index.has(field)) continue;
        const read = readNumber(cell(field), ref(field), head[field], path, { file });
        if (!read.ok) {
          problems.push(read.problem);
          continue;
        }
        const before = datum[field];
        const after = read.value;
        if (before === undefined && after === undefined) continue;
        if (before === undefined || after === undefined) {
          // a range is made or undone in data/ (its qualifier and checks go with it)
          problems.push(diag('SHEET_FIELD_CHANGED', { cell: ref(field), path, column: head[field], from: shown(before), to: shown(after), file: yamlFile }, { file, dataPath: path }));
          continue;
        }
        // a derived figure is computed to more digits than it prints (and a CSV shows it as printed)
        if (datum.derived ? after.toFixed(datum.decimals) === before.toFixed(datum.decimals) : same(after, before)) continue;
        if (datum.derived) {
          problems.push(diag('SHEET_DERIVED_EDITED', { cell: ref(field), path, found: String(after), computed: before.toFixed(datum.decimals), of: datum.derived }, { file, dataPath: path }));
          continue;
        }
        edits.push({ path, field, before, after, cell: ref(field) });
      }
    }
  }
  return { edits, problems };
}
