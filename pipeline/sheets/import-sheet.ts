/**
 * `npm run data -- import <file>`: an edited spreadsheet back into data/. The sheet is read
 * against the data as it stands (sheet-edits.ts), the changed values written into copies of the
 * data files (yaml-edits.ts), and the copies checked as `npm run check` checks the report. Only
 * when all of that passes are the files returned for writing, with the changed figures (every
 * datum whose printed form changed, derived ones included) and where each is printed.
 */
import { checkInputs } from '../check/check-inputs.ts';
import { readFieldWords } from '../check/json-schemas.ts';
import { BuildError, type Diagnostic } from '../core/errors.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { SourceFile } from '../core/source-text.ts';
import { diffRecords, type DatumChange } from '../diff/diff-data.ts';
import { dataRecords } from '../edition/manifest.ts';
import type { CurrentData } from './current-data.ts';
import { readEdits, type ValueEdit } from './sheet-edits.ts';
import { sheetRows } from './sheet-rows.ts';
import { applyEdits } from './yaml-edits.ts';
import type { SheetTable } from './read-workbook.ts';

export type ImportResult =
  | { ok: false; problems: Diagnostic[] }
  | { ok: true; edits: ValueEdit[]; files: SourceFile[]; changes: DatumChange[]; warnings: Diagnostic[] };

export function importSheet(inputs: Inputs, current: CurrentData, tables: SheetTable[], file: string): ImportResult {
  const words = readFieldWords(inputs.vocabulary.find((f) => f.path.endsWith('/data-fields.yaml')));
  const { edits, problems } = readEdits(tables, sheetRows(current.data, current.lineage), words, file);
  if (problems.length) return { ok: false, problems };
  if (!edits.length) return { ok: true, edits, files: [], changes: [], warnings: [] };
  const files = applyEdits(inputs.data, edits);
  const edited = new Map(files.map((f) => [f.path, f]));
  let checked;
  try {
    checked = checkInputs({ ...inputs, data: inputs.data.map((f) => edited.get(f.path) ?? f) });
  } catch (e) {
    if (e instanceof BuildError) return { ok: false, problems: e.diagnostics };
    throw e;
  }
  const range = current.data.vocabulary.range;
  const reach = { lineage: current.lineage, data: Object.fromEntries([...checked.data.nodes.values()].flatMap((n) => (n.kind === 'datum' ? [[n.path, { derived: n.derived }]] : []))) };
  const changes = diffRecords(dataRecords(current.data.nodes, range), dataRecords(checked.data.nodes, range), reach, reach);
  return { ok: true, edits, files, changes, warnings: checked.warnings };
}
