/**
 * `npm run data -- <action>`: work on data/ itself.
 *   schemas        the editor's JSON Schemas (data/schemas/<file>.schema.json, from the zod schemas
 *                  and templates/data-fields.yaml), mapped in .vscode/settings.json
 *   export <file>  the data as a spreadsheet (.xlsx, a sheet per data file; or one .csv)
 *   import <file>  an edited spreadsheet's changed values into data/*.yaml, checked first
 *   list [prefix]  every datum as printed;  where <path>  every place a datum is printed
 * The spreadsheet logic is sheets/'s; this module reads, dispatches and writes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { defineCommand, type CommandContext } from './command.ts';
import { oneOf, type ValueKind } from './options.ts';
import { realEffects } from '../build/real-effects.ts';
import { readInputs, type Inputs } from '../core/read-inputs.ts';
import { editorFiles, readFieldWords, schemaDir, settingsPath } from '../check/json-schemas.ts';
import { BuildError, diag, summary } from '../core/errors.ts';
import { dataTable } from '../diff/diff-summary.ts';
import { currentData, type CurrentData } from '../sheets/current-data.ts';
import { importSheet } from '../sheets/import-sheet.ts';
import { listData, whereData } from '../sheets/list-data.ts';
import { readWorkbook } from '../sheets/read-workbook.ts';
import { sheetRows } from '../sheets/sheet-rows.ts';
import { csvSheet, workbookBytes, type SheetFormat } from '../sheets/write-workbook.ts';

const actions = ['schemas', 'export', 'import', 'list', 'where'] as const;
const target: ValueKind<string> = { placeholder: 'FILE|PATH', expected: 'a spreadsheet file (.xlsx, .csv) or a data path', example: 'data.xlsx', parse: (raw) => (raw !== '' && !raw.includes('\0') ? raw : undefined) };
const formatOf = (file: string): SheetFormat | undefined => ({ '.xlsx': 'xlsx', '.csv': 'csv' } as const)[extname(file).toLowerCase() as '.xlsx' | '.csv'];

export const command = defineCommand({
  name: 'data',
  runAs: 'npm run data --',
  description:
    "Works on data/ itself. `schemas`: writes the editor schemas (data/schemas/<file>.schema.json, generated from the schemas the check uses, with the titles of templates/data-fields.yaml) and maps them in .vscode/settings.json for VS Code's YAML extension. `export <file.xlsx|file.csv>`: the data as a spreadsheet, a row per datum with where it is printed. `import <file>`: writes the sheet's changed values into data/*.yaml (nothing else changes), after checking them as `npm run check` does; nothing is written when anything is wrong. `list [prefix]`: every datum as printed. `where <path>`: every sentence, chart and table a datum reaches.",
  positionals: {
    action: { value: oneOf(actions, 'ACTION'), description: `what to do: ${actions.join(', ')}` },
    target: { value: target, description: 'the spreadsheet (export, import), a path prefix (list) or a data path (where)' },
  },
  async run(ctx) {
    const { action, target: arg } = ctx.args;
    const usage = (detail: string) => (ctx.printDiagnostics([diag('CLI_ARGUMENTS', { command: 'data', detail, help: 'npm run data -- --help' })]), 2);
    if (action === undefined) return usage(`say what to do: npm run data -- ${actions.join('|')}`);
    if (action === 'schemas') return writeSchemas(ctx);
    if ((action === 'export' || action === 'import') && (arg === undefined || !formatOf(arg))) return usage(`${action} needs a spreadsheet file ending in .xlsx or .csv${arg ? `, found "${arg}"` : ''}, e.g. npm run data -- ${action} data.xlsx`);
    if (action === 'where' && arg === undefined) return usage('where needs a data path, e.g. npm run data -- where market.size_2024');
    const inputs = await readInputs(ctx.project, realEffects);
    const current = await currentData(ctx.project, inputs, realEffects);
    const file = resolve(arg ?? '.');
    const shown = arg ?? file;
    if (action === 'export') {
      const words = readFieldWords(inputs.vocabulary.find((f) => f.path.endsWith('/data-fields.yaml')));
      const rows = sheetRows(current.data, current.lineage);
      await realEffects.writeFiles([{ path: file, bytes: await workbookBytes(rows, words, formatOf(file)!) }]);
      ctx.print(`data export: ${rows.length} data (${rows.filter((r) => r.derived).length} derived, read-only) of ${new Set(rows.map((r) => r.file)).size} data files → ${shown} in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
      return 0;
    }
    if (action === 'import') return importFrom(ctx, inputs, current, file, shown);
    const listed = action === 'list' ? listData(current, arg) : whereData(current, arg!);
    if (!listed.ok) {
      ctx.printDiagnostics([listed.problem]);
      return 1;
    }
    listed.lines.forEach((l) => ctx.print(l));
    return 0;
  },
});

async function importFrom(ctx: CommandContext, inputs: Inputs, current: CurrentData, file: string, shown: string): Promise<number> {
  const bytes = await realEffects.readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new BuildError([diag('SHEET_UNREADABLE', { detail: `${shown} cannot be read (${e.code ?? e.message})` })], { cause: e });
  });
  const tables = await readWorkbook(bytes, formatOf(file)!, basename(file).replace(/\.[^.]+$/, ''));
  const result = importSheet(inputs, current, tables, shown);
  if (!result.ok) {
    ctx.printDiagnostics(result.problems);
    ctx.print(`data import: ${summary(result.problems)} in ${shown}; nothing was written to data/`);
    return 1;
  }
  if (!result.edits.length) {
    ctx.print(`data import: no value in ${shown} differs from data/; nothing was written`);
    return 0;
  }
  await realEffects.writeFiles(result.files.map((f) => ({ path: join(ctx.project.root, f.path), bytes: f.bytes })));
  // the check's warnings about the changed figures (the others are `npm run check`'s to show)
  const changed = new Set(result.changes.map((c) => c.path));
  ctx.printDiagnostics(result.warnings.filter((w) => w.dataPath !== undefined && changed.has(w.dataPath)));
  ctx.print(`data import: ${result.edits.length} value${result.edits.length === 1 ? '' : 's'} from ${shown} written into ${result.files.map((f) => f.path).join(', ')}:`);
  ctx.print('');
  dataTable(result.changes).forEach((l) => ctx.print(l));
  ctx.print('');
  ctx.print(`The data changed: raise \`edition\` in data/edition.yaml (now ${current.data.edition.edition}) and add it to \`history\`, then run \`npm run build\` and \`npm run diff -- --changelog\`.`);
  return 0;
}

async function writeSchemas(ctx: CommandContext): Promise<number> {
  const { root } = ctx.project;
  const inputs = await readInputs(ctx.project, realEffects);
  const settings = await readFile(join(root, settingsPath), 'utf8').catch(() => undefined);
  const files = editorFiles(inputs, settings);
  const wanted = new Set(files.map((f) => f.path));
  const stale = (await readdir(join(root, schemaDir)).catch(() => [] as string[])).map((n) => `${schemaDir}/${n}`).filter((p) => p.endsWith('.schema.json') && !wanted.has(p));
  await realEffects.writeFiles(files.map((f) => ({ path: join(root, f.path), bytes: f.text })));
  for (const p of stale) await realEffects.remove(join(root, p));
  ctx.print(`data schemas: ${files.length - 1} schemas in ${schemaDir}/ and ${settingsPath}${stale.length ? `; removed ${stale.join(', ')}` : ''} in ${(performance.now() - ctx.startedAt).toFixed(0)} ms`);
  return 0;
}
