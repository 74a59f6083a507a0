/**
 * The one catalog of everything the pipeline can report. Each entry has a stable code, a
 * message template and a hint that says how to fix it, like Astro's error data. Stages never
 * build message strings by hand: they call `diag(code, params, where)`.
 */

export type Severity = 'error' | 'warning';

export interface Position {
  file: string; // project-relative, forward slashes
  line?: number; // 1-based
  column?: number; // 1-based
}

export interface Diagnostic extends Position {
  code: CatalogCode;
  severity: Severity;
  dataPath?: string;
  message: string;
  hint: string;
}

type Params = Record<string, string | number>;
interface Entry {
  severity: Severity;
  message: (p: Params) => string;
  hint: (p: Params) => string;
}

const entry = (severity: Severity, message: (p: Params) => string, hint: (p: Params) => string): Entry => ({
  severity,
  message,
  hint,
});

export const catalog = {
  // --- data ---
  YAML_SYNTAX: entry('error', (p) => `YAML syntax error: ${p.detail}`, () => 'Fix the YAML syntax at this position (indentation, quotes, colons).'),
  YAML_DUPLICATE_KEY: entry('error', (p) => `duplicated key "${p.key}"`, () => 'Each key may appear once per mapping: remove or rename one of them.'),
  YAML_EMPTY: entry('error', () => 'the file is empty', () => 'Add the data this file is meant to hold, or delete the file.'),
  FILE_ENCODING: entry('error', (p) => `${p.detail}`, () => 'Save the file as UTF-8 without a byte-order mark.'),
  DATA_SCHEMA: entry('error', (p) => `expected ${p.expected}, got ${p.found}`, (p) => `${p.hint || 'Correct the value so it matches the schema in pipeline/schemas.ts.'}`),
  DATA_UNKNOWN_KEY: entry('error', (p) => `unknown key "${p.key}"`, (p) => `Allowed here: ${p.allowed}. Remove it or fix its spelling.`),
  DATA_MISSING_KEY: entry('error', (p) => `missing required "${p.key}"`, (p) => `Add "${p.key}" here${p.where ? ` (${p.where})` : ''}.`),
  DATA_BAD_KEY: entry('error', (p) => `key "${p.key}" is not a valid data key`, () => 'Data keys are lower_snake_case ASCII starting with a letter (e.g. size_2024), and never a field name such as value or unit.'),
  DATA_MISSING_FILE: entry('error', (p) => `missing data file ${p.file}`, (p) => `Add ${p.file}: ${p.what}.`),
  DATA_UNKNOWN_FILE: entry('error', (p) => `no schema for data file "${p.name}"`, (p) => `Data files are: ${p.known}. Add a schema for a new topic in pipeline/schemas.ts.`),
  DERIVE_UNKNOWN_PATH: entry('error', (p) => `derived figure refers to unknown data path "${p.path}"`, () => 'Point `of:` at existing data paths (file.key.key).'),
  DERIVE_CYCLE: entry('error', (p) => `derived figures form a cycle: ${p.cycle}`, () => 'A derived figure cannot depend on itself.'),
  DERIVE_BAD_OPERANDS: entry('error', (p) => `cannot compute ${p.kind}: ${p.detail}`, (p) => `${p.hint || 'Check the operands of this derived figure.'}`),
  RULE_RANGE: entry('error', (p) => `${p.what} must be within ${p.range}, got ${p.value}`, () => 'Shares and rates in % lie between 0 and 100; check the value and its unit.'),
  RULE_SUM: entry('error', (p) => `parts sum to ${p.sum}, but the total is ${p.total}`, (p) => `The parts of ${p.group} must add up to ${p.totalPath} within ${p.tolerance}. Fix a part or the total.`),
  RULE_YEARS_ORDER: entry('error', (p) => `years are not ascending: ${p.years}`, () => 'List a series in chronological order.'),
  RULE_FORECAST_YEAR: entry('error', (p) => `forecast for ${p.year} is not after its base year ${p.base}`, () => 'A forecast must be for a year after the year it is made from.'),
  RULE_GROWTH: entry('warning', (p) => `declared growth ${p.declared} does not agree with its two values (${p.computed})`, () => 'The source may mix measures; check both values and the declared rate, or name the measures in their labels.'),
  RULE_MEASURES: entry('warning', (p) => `${p.detail}`, () => 'Different measures of the same quantity: keep both, name each measure in its label.'),
  RULE_SHARE_TOTAL: entry('error', (p) => `shares of one whole add up to ${p.sum}%, more than 100%`, (p) => `The items of ${p.group} are declared parts of one whole in pipeline/rules.ts.${p.why ? ` ${p.why}` : ' Check each share and its unit.'}`),
  RULE_STALE: entry('warning', (p) => `consistency rule (${p.rule}) refers to missing data path "${p.path}"`, () => 'A figure the rule checks was renamed or removed: update the rule in pipeline/rules.ts.'),
  // --- templates / chapters ---
  FRONT_MATTER: entry('error', (p) => `front matter: ${p.detail}`, () => 'Start the chapter with ---, then `id:` and `title:`, then ---.'),
  HBS_SYNTAX: entry('error', (p) => `template syntax error: ${p.detail}`, () => 'Check the {{…}} expression: braces, quotes and helper arguments.'),
  HBS_UNKNOWN_PATH: entry('error', (p) => `unknown data path "${p.path}"`, (p) => (p.suggestion ? `Did you mean "${p.suggestion}"?` : 'Check the path against data/*.yaml (file.key.key).')),
  HBS_UNKNOWN_HELPER: entry('error', (p) => `unknown helper "${p.name}"`, (p) => `Known helpers: ${p.known}.`),
  HBS_BAD_ARGS: entry('error', (p) => `${p.helper}: ${p.detail}`, (p) => `Usage: ${p.usage}`),
  HBS_BLOCK: entry('error', (p) => `${p.what} are not allowed in chapters (${p.snippet})`, () => 'Chapters bind single figures with {{helper path}}; lists and tables come from templates/tables, layout from templates/.'),
  REF_UNKNOWN: entry('error', (p) => `unknown ${p.kind} id "${p.id}"`, (p) => `Known ids: ${p.known || '(none)'}.`),
  REF_DUPLICATE: entry('error', (p) => `${p.kind} "${p.id}" is placed twice (first at ${p.first})`, () => 'Place each figure and table once; refer to it elsewhere with {{ref}}.'),
  FIGURE_TYPED: entry('error', (p) => `figure "${p.text}" typed into prose`, () => 'Bind it to data instead: add it to data/*.yaml and write {{v path}}.'),
  MD_RAW_HTML: entry('error', (p) => `raw HTML is not allowed in chapters: ${p.snippet}`, () => 'Use Markdown for prose; layout belongs in templates/.'),
  MD_IMAGE: entry('error', (p) => `images are not allowed in chapters: ${p.url}`, () => 'Charts come from templates/charts via {{figure "id"}}.'),
  MD_LINK: entry('error', (p) => `link target "${p.url}" is not allowed`, () => 'Links may point to #anchors or to http(s) addresses only; nothing on disk.'),
  MD_TABLE: entry('error', () => 'Markdown tables are not allowed in chapters', () => 'Tables are generated from data: define one in templates/tables and place it with {{table "id"}}.'),
  MD_HEADING: entry('error', (p) => `heading level ${p.depth} is not allowed`, () => 'Use ## for sections and ### for subsections; the chapter title comes from front matter.'),
  DATA_UNUSED: entry('warning', (p) => `datum "${p.path}" is not used by any chapter, chart or table`, () => 'Use it, or remove it from data/ if it is no longer part of the report.'),
  SPEC_UNUSED: entry('warning', (p) => `${p.kind} "${p.id}" is not placed in any chapter`, (p) => `Place it with {{${p.kind} "${p.id}"}} on a line of its own, or delete the file.`),
  // --- charts & tables ---
  CHART_SPEC: entry('error', (p) => `chart spec: ${p.detail}`, () => 'Check the Vega-Lite spec against https://vega.github.io/vega-lite/docs/.'),
  TABLE_SPEC: entry('error', (p) => `table spec: ${p.detail}`, () => 'A table needs `caption`, `rows` (a group path or a list of paths) and `columns`.'),
  SPEC_DUPLICATE_ID: entry('error', (p) => `id "${p.id}" is also the id of ${p.first}`, () => 'Figures and tables are placed and referred to by id ({{figure "id"}}, {{ref "id"}}): give every chart and table file a name of its own.'),
  SPEC_UNSAFE: entry('error', (p) => `${p.what} is not allowed in a chart spec`, () => 'Charts draw only the rows bound under `data:`; they load no files or URLs and link nowhere.'),
  TEMPLATE_UNSAFE: entry('error', (p) => `${p.what} is not allowed in a layout template`, (p) => `${p.hint}`),
  // --- build & print ---
  NO_BROWSER: entry('error', (p) => `no Chromium or Chrome found${p.detail ? `: ${p.detail}` : ''}`, () => 'Run `apt-get update && apt-get install -y chromium` (as root on Debian), or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.'),
  BROWSER_LAUNCH: entry('error', (p) => `could not start the browser ${p.path}: ${p.detail}`, () => 'Check that the browser runs: `chromium --headless=new --version`; reinstall it with `apt-get install --reinstall -y chromium`, or point PUPPETEER_EXECUTABLE_PATH at a working Chrome/Chromium.'),
  BROWSER_TIMEOUT: entry('error', (p) => `the browser ${p.path} did not start within ${p.ms} ms`, () => 'The browser hung while starting and was stopped. Raise --timeout on a slow machine, or check the browser: `chromium --headless=new --version`.'),
  PRINT_TIMEOUT: entry('error', (p) => `printing did not finish within ${p.ms} ms`, () => 'The browser hung or the document is too heavy; it was stopped and out/ is untouched. Raise --timeout or check the document.'),
  PRINT_FAILED: entry('error', (p) => `printing failed: ${p.detail}`, () => 'The browser crashed or was closed while printing; out/ is untouched. Build again; run with --verbose for the browser error.'),
  BLOCKED_REQUEST: entry('error', (p) => `the document tried to load ${p.url}`, () => 'Only the project\'s own files may be loaded while printing.'),
  WRITE_FAILED: entry('error', (p) => `cannot write ${p.target}: ${p.detail}`, () => 'Check that out/ is writable and the disk has space; the previous edition is untouched.'),
  LOCKED: entry('error', (p) => `another build (pid ${p.pid}) holds ${p.lock}`, () => 'Wait for it to finish, or delete the lock file if that process is gone.'),
  CLI_OPTION: entry('error', (p) => `--${p.option}: ${p.detail}`, (p) => `${p.hint}`),
  INTERRUPTED: entry('error', (p) => `${p.command} interrupted`, () => 'Nothing was written; the previous edition in out/ is untouched.'),
  // --- edition diff (npm run diff) ---
  DIFF_NO_BASE: entry('error', (p) => `no base edition "${p.ref}": ${p.detail}`, () => 'Pass a git ref (branch, tag, commit) or a folder holding an edition\'s report.html, report.pdf and edition.json; without one, the merge-base with the main branch is used.'),
  DIFF_BAD_EDITION: entry('error', (p) => `the edition ${p.ref} has an edition.json this pipeline cannot read: ${p.detail}`, () => 'It was written by an older pipeline (or edited since). Rebuild that edition with this pipeline (`npm run build -- --out <folder>` on its inputs) and pass the folder, or pass its git ref and let the diff build it.'),
  DIFF_BASE_BUILD: entry('error', (p) => `building the base edition ${p.ref} failed: ${p.detail}`, (p) => `Check out ${p.ref} and run \`npm run build\` there to see why.`),
  DIFF_EDITION_NOT_BUMPED: entry('warning', (p) => `the data changed but the edition number did not (still ${p.edition})`, () => 'Raise `edition` in data/edition.yaml and add the new edition to `history`, then run `npm run diff -- --changelog`.'),
  DIFF_EDITION_BACKWARDS: entry('warning', (p) => `the edition number went back from ${p.from} to ${p.to}`, () => 'An edition number only grows: check `edition` in data/edition.yaml against the base.'),
  DIFF_CHANGELOG_STALE: entry('warning', (p) => `the changelog (\`changes\` in data/edition.yaml) does not match the data: ${p.detail}`, () => 'Run `npm run diff -- --changelog` to rewrite it from the data, then rebuild.'),
} satisfies Record<string, Entry>;

export type CatalogCode = keyof typeof catalog;

export function diag(code: CatalogCode, params: Params, where: Position & { dataPath?: string }, severity?: Severity): Diagnostic {
  const e = catalog[code];
  return {
    code,
    severity: severity ?? e.severity,
    file: where.file,
    line: where.line,
    column: where.column,
    dataPath: where.dataPath,
    message: e.message(params),
    hint: e.hint(params),
  };
}

/** Thrown by a stage that cannot go on; carries every problem it found, not just the first. */
export class BuildError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BuildError';
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.line !== undefined ? d.column : undefined].filter((x) => x !== undefined).join(':');
  const path = d.dataPath ? `  ${d.dataPath}` : '';
  return `${where}${path}  ${d.message}  [${d.code}]\n    ${d.severity === 'warning' ? 'warning' : 'hint'}: ${d.hint}`;
}

export const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** Stops the run when any diagnostic is an error; warnings pass through to the caller's report. */
export function throwIfErrors(ds: Diagnostic[], strict = false): void {
  const failing = strict ? ds : errorsOf(ds);
  if (failing.length > 0) throw new BuildError(failing);
}

/** "2 errors, 1 warning" */
export function summary(ds: Diagnostic[]): string {
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.length - e;
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`;
}
