/**
 * The one catalog of everything the pipeline can report. Each entry has a stable code, the types
 * of its parameters, a message template and a hint that says how to fix it, like Astro's error
 * data. Stages never build message strings by hand: they call `diag(code, params, where)`, and
 * the compiler checks `params` against the entry (a missing or misspelt parameter does not build).
 * README.md's error reference is generated from this catalog (core/error-reference.ts).
 */

export type Severity = 'error' | 'warning';

/** A place in a project file. Runtime faults (a browser, a port, git) have none: no `file`. */
export interface Position {
  file?: string; // project-relative, forward slashes
  line?: number; // 1-based
  column?: number; // 1-based
}

/** Where a problem is, and what underlying error caused it (shown with --verbose, not by default). */
export interface Where extends Position {
  dataPath?: string;
  cause?: unknown;
}

export interface Diagnostic extends Where {
  code: CatalogCode;
  severity: Severity;
  message: string;
  hint: string;
  /** the entry's parameters, so a message can be shown in another language (core/messages.ts) */
  params?: Record<string, string | number>;
}

type ParamValue = string | number;
/** An entry's parameters: names to strings or numbers (`?` for optional ones). */
type Params = { [name: string]: ParamValue | undefined };
/** An entry that takes no parameters: `{}` is its only params. */
type None = Record<string, never>;

export interface Entry<P extends Params> {
  severity: Severity;
  message(p: P): string;
  hint(p: P): string;
}

/** `entry<{ detail: string }>(…)`: the type argument declares the parameters. */
const entry = <P extends Params = None>(severity: Severity, message: (p: P) => string, hint: (p: P) => string): Entry<P> => ({ severity, message, hint });

export const catalog = {
  // --- data ---
  YAML_SYNTAX: entry<{ detail: string }>('error', (p) => `YAML syntax error: ${p.detail}`, () => 'Fix the YAML syntax at this position (indentation, quotes, colons).'),
  YAML_DUPLICATE_KEY: entry<{ key: string }>('error', (p) => `duplicated key "${p.key}"`, () => 'Each key may appear once per mapping: remove or rename one of them.'),
  YAML_EMPTY: entry('error', () => 'the file is empty', () => 'Add the data this file is meant to hold, or delete the file.'),
  FILE_ENCODING: entry<{ detail: string }>('error', (p) => `${p.detail}`, () => 'Save the file as UTF-8 without a byte-order mark.'),
  DATA_SCHEMA: entry<{ expected: string; found: string; hint?: string }>('error', (p) => `expected ${p.expected}, got ${p.found}`, (p) => p.hint || 'Correct the value: README "Data" lists every field, what it may hold and an example.'),
  DATA_UNKNOWN_KEY: entry<{ key: string; allowed: string }>('error', (p) => `unknown key "${p.key}"`, (p) => `Allowed here: ${p.allowed}. Remove it or fix its spelling.`),
  DATA_MISSING_KEY: entry<{ key: string; where?: string }>('error', (p) => `missing required "${p.key}"`, (p) => `Add "${p.key}" here${p.where ? ` (${p.where})` : ''}.`),
  DATA_BAD_KEY: entry<{ key: string }>('error', (p) => `key "${p.key}" is not a valid data key`, () => 'Data keys are lower_snake_case ASCII starting with a letter (e.g. size_2024), and never a field name such as value or unit.'),
  DATA_MISSING_FILE: entry<{ file: string; what: string }>('error', (p) => `missing data file ${p.file}`, (p) => `Add ${p.file}: ${p.what}.`),
  DATA_BAD_FILE_NAME: entry<{ name: string }>('error', (p) => `data file name "${p.name}" is not a data key`, () => 'A data file\'s name is the first segment of its data paths: name it in lower_snake_case ASCII starting with a letter (e.g. livestream.yaml).'),
  DATA_UNKNOWN_UNIT: entry<{ unit: string; advice: string }>('error', (p) => `unknown unit "${p.unit}"`, (p) => p.advice),
  DATA_KIND_MISSING: entry<{ unit: string; kinds: string }>('error', (p) => `a figure in ${p.unit} must say what it measures: kind is missing`, (p) => `Add \`kind:\` (${p.kinds}) to the datum or its group; README "Kinds" says what each means.`),
  DATA_KIND_UNIT: entry<{ kind: string; unit: string; kinds: string }>('error', (p) => `kind ${p.kind} does not fit a figure in ${p.unit}`, (p) => `A figure in ${p.unit} may be ${p.kinds}: fix the kind or the unit (units and their kinds: templates/units.yaml).`),
  UNIT_TWICE: entry<{ unit: string; dimensions: string }>('error', (p) => `unit "${p.unit}" is listed in more than one dimension (${p.dimensions})`, () => 'A unit means one thing: keep it in one dimension of templates/units.yaml.'),
  DERIVE_UNKNOWN_PATH: entry<{ path: string }>('error', (p) => `derived figure refers to unknown data path "${p.path}"`, () => 'Point `of:` at existing data paths (file.key.key).'),
  DERIVE_CYCLE: entry<{ cycle: string }>('error', (p) => `derived figures form a cycle: ${p.cycle}`, () => 'A derived figure cannot depend on itself.'),
  DERIVE_BAD_OPERANDS: entry<{ kind: string; detail: string; hint?: string }>('error', (p) => `cannot compute ${p.kind}: ${p.detail}`, (p) => p.hint || 'Check the operands of this derived figure.'),
  RULE_RANGE: entry<{ what: string; range: string; value: string }>('error', (p) => `${p.what} must be ${p.range}, got ${p.value}`, () => 'A share (kind: share) lies between 0 and 100 %; a % figure that may exceed 100 is a ratio or a growth rate (kind: ratio, growth). Check the value, its unit and its kind.'),
  RULE_COUNT: entry<{ value: string }>('error', (p) => `a count must be a whole number, got ${p.value}`, () => 'A count (kind: count) is of whole things in its smallest unit (8.92亿人 is whole); a mean of counts is kind: average.'),
  RULE_SUM: entry<{ sum: string; total: string; group: string; totalPath: string; tolerance: string }>('error', (p) => `parts sum to ${p.sum}, but the total is ${p.total}`, (p) => `The items of ${p.group} add up to ${p.totalPath} (sum_to:) within ${p.tolerance}. Fix a part or the total.`),
  RULE_IMPLIED_WHOLE: entry<{ share: string; part: string; implied: string; whole: string; wholePath: string; tolerance: string }>('error', (p) => `${p.part} at ${p.share} implies a whole of ${p.implied}, but ${p.wholePath} is ${p.whole}`, (p) => `A share says part ÷ whole: check the share, its part (part:) and its whole (share_of:), within rounding${p.tolerance}.`),
  RULE_CONTRADICTION: entry<{ other: string; value: string; otherValue: string; what: string }>('error', (p) => `${p.value} contradicts ${p.otherValue} of "${p.other}", which measures the same (${p.what})`, () => 'Two data of one subject, measure and period must agree: keep the figure the source supports and remove or correct the other, or, if they measure different things, say so in `measure:`.'),
  RULE_YEARS_ORDER: entry<{ years: string }>('error', (p) => `years are not ascending: ${p.years}`, () => 'List a series in chronological order.'),
  RULE_FORECAST_YEAR: entry<{ year: string; base: string }>('error', (p) => `forecast for ${p.year} is not after its base year ${p.base}`, () => 'A forecast must be for a year after the year it is made from.'),
  RULE_GROWTH: entry<{ declared: string; computed: string }>('error', (p) => `stated change ${p.declared} does not agree with its two values (${p.computed})`, () => 'A growth rate or percentage-point change with change_of: [from, to] must agree with the two values within rounding (or `tolerance:`): check the three figures, or whether they measure the same thing.'),
  RULE_SHARE_TOTAL: entry<{ sum: string; group: string }>('error', (p) => `shares of one whole add up to ${p.sum}%, more than 100%`, (p) => `The items of ${p.group} are parts of one whole (parts_of_one_whole: true): check each share and its unit, or drop the flag if they overlap (several answers per person).`),
  LINK_UNKNOWN_PATH: entry<{ field: string; path: string; suggestion?: string }>('error', (p) => `${p.field} refers to unknown data path "${p.path}"`, (p) => `${p.suggestion ? `Did you mean "${p.suggestion}"? ` : ''}A link names a datum by its path (file.key.key); the figure it names was renamed or removed.`),
  LINK_MISMATCH: entry<{ field: string; detail: string }>('error', (p) => `${p.field}: ${p.detail}`, () => 'README "Data" says what each link connects: share_of and part (a share of a whole), change_of (a growth rate or percentage-point change between two values), sum_to (parts of a total).'),
  KNOWN_ISSUE: entry<{ message: string; code: string; note: string }>('warning', (p) => `${p.message} [${p.code}], accepted for now: ${p.note}`, () => 'A known contradiction of the source, kept visible until the report resolves it (and says so in its notes on the data): then correct the data and remove `known_issue:`.'),
  KNOWN_ISSUE_UNUSED: entry<{ note: string }>('warning', (p) => `known_issue "${p.note}" accepts no problem`, () => 'Nothing this note accepted is wrong any more: remove `known_issue:` from the datum or group.'),
  EDITION_COMMENTS_MISSING: entry<{ date: string; publisher: string }>('error', () => 'a consultation draft (status: draft, printed 征求意见稿) must say until when comments are taken and who takes them: expected `comments: { until, to }`, found none', (p) => `Add to data/edition.yaml \`comments: { until: 'YYYY-MM-DD', to: ${p.publisher} }\`: the last day comments are taken (after the edition's date, ${p.date}) and who takes them, by name (\`how:\`, optionally, what a comment should give, e.g. the chapter and page). The colophon prints them. Or, if comments are no longer sought, set \`status: final\`.`),
  EDITION_COMMENTS_DEADLINE: entry<{ until: string; date: string }>('error', (p) => `the comment deadline comments.until is not after the edition's date: expected a day after ${p.date}, found ${p.until}`, (p) => `Readers need time to comment on the draft of ${p.date}: set \`comments.until\` to the last day comments are taken, after \`date\` (or correct \`date\`, if it is the one that is wrong).`),
  EDITION_COMMENTS_UNUSED: entry<{ status: string; until: string }>('warning', (p) => `comments (until ${p.until}) are not printed: the edition is ${p.status}, not a consultation draft`, () => 'Only a draft (status: draft, 征求意见稿) calls for comments: remove the `comments` block, or set `status: draft` if comments are still taken.'),
  // --- spreadsheets (issue 18: npm run data -- import; `cell` is sheet!cell, e.g. platforms!D7) ---
  SHEET_UNREADABLE: entry<{ detail: string }>('error', (p) => `cannot read the spreadsheet: ${p.detail}`, () => 'Import a workbook (.xlsx) or CSV written by `npm run data -- export` and saved by a spreadsheet program in the same format.'),
  SHEET_HEADER: entry<{ cell: string; expected: string; found: string }>('error', (p) => `${p.cell}: expected the column "${p.expected}", found ${p.found}`, () => 'Keep the header row of the export (the columns may be moved, not renamed or removed); export again if it was lost.'),
  SHEET_NOT_A_NUMBER: entry<{ cell: string; column: string; found: string }>('error', (p) => `${p.cell}: expected a number in "${p.column}", found ${p.found}`, () => 'Type the number alone, as the report writes it (15.3): no unit, no words, no qualifier (those have their own columns).'),
  SHEET_PERCENT_TYPED: entry<{ cell: string; found: string; plain: string }>('error', (p) => `${p.cell}: a percentage typed as ${p.found}`, (p) => `Type ${p.plain}: the unit column already says %, the value column holds the number alone (and a cell formatted as % stores 0.352 for 35.2%).`),
  SHEET_THOUSANDS_SEPARATOR: entry<{ cell: string; found: string; plain: string }>('error', (p) => `${p.cell}: ${p.found} is written with a thousands separator`, (p) => `Type ${p.plain}, without separators: a comma may be a decimal point elsewhere, so the import does not guess.`),
  SHEET_UNKNOWN_PATH: entry<{ cell: string; path: string; suggestion?: string }>('error', (p) => `${p.cell}: no datum "${p.path}" in data/`, (p) => `${p.suggestion ? `Did you mean "${p.suggestion}"? ` : ''}A row names a datum by its path (file.key.key); a spreadsheet changes values of existing data: add or rename data in data/*.yaml.`),
  SHEET_DUPLICATE_ROW: entry<{ cell: string; path: string; first: string }>('error', (p) => `${p.cell}: "${p.path}" has a second row (the first is ${p.first})`, () => 'Keep one row per datum: delete the other row, keeping the value meant.'),
  SHEET_DERIVED_EDITED: entry<{ cell: string; path: string; found: string; computed: string; of: string }>('error', (p) => `${p.cell}: "${p.path}" is a derived figure (${p.computed}), but the sheet says ${p.found}`, (p) => `A derived figure is computed (${p.of}) and never typed: change the figures it is computed from, and restore ${p.computed}.`),
  SHEET_UNIT_CHANGED: entry<{ cell: string; path: string; from: string; to: string; file: string }>('error', (p) => `${p.cell}: the unit of "${p.path}" was changed from ${p.from} to ${p.to}`, (p) => `Type the value in ${p.from} (restore the unit), or change the unit in ${p.file}, where the check sees every sentence that prints it.`),
  SHEET_FIELD_CHANGED: entry<{ cell: string; path: string; column: string; from: string; to: string; file: string }>('error', (p) => `${p.cell}: "${p.column}" of "${p.path}" was changed from ${p.from} to ${p.to}; only values are imported`, (p) => `Restore ${p.from}, and change what a figure is (its name, year, source, qualifier, note) in ${p.file}.`),
  DATA_PATH_UNKNOWN: entry<{ path: string; suggestion?: string }>('error', (p) => `no datum at or under "${p.path}"`, (p) => `${p.suggestion ? `Did you mean "${p.suggestion}"? ` : ''}\`npm run data -- list\` lists every data path (file.key.key).`),
  // --- templates / chapters ---
  FRONT_MATTER: entry<{ detail: string }>('error', (p) => `front matter: ${p.detail}`, () => 'Start the chapter with ---, then `id:` and `title:`, then ---.'),
  HBS_SYNTAX: entry<{ detail: string }>('error', (p) => `template syntax error: ${p.detail}`, () => 'Check the {{…}} expression: braces, quotes and helper arguments.'),
  HBS_UNKNOWN_PATH: entry<{ path: string; suggestion?: string }>('error', (p) => `unknown data path "${p.path}"`, (p) => (p.suggestion ? `Did you mean "${p.suggestion}"?` : 'Check the path against data/*.yaml (file.key.key).')),
  HBS_UNKNOWN_HELPER: entry<{ name: string; known: string; suggestion?: string }>('error', (p) => `unknown helper "${p.name}"${p.suggestion ? ` (did you mean {{${p.suggestion} …}}?)` : ''}`, (p) => `Known helpers: ${p.known}; README "Chapters" says what each prints.`),
  HBS_BAD_ARGS: entry<{ helper: string; detail: string; usage: string }>('error', (p) => `${p.helper}: ${p.detail}`, (p) => `Usage: ${p.usage}`),
  HBS_BLOCK: entry<{ what: string; snippet: string }>('error', (p) => `${p.what} are not allowed in chapters (${p.snippet})`, () => 'Chapters bind single figures with {{helper path}}; lists and tables come from templates/tables, layout from templates/.'),
  REF_UNKNOWN: entry<{ kind: string; id: string; known: string }>('error', (p) => `unknown ${p.kind} id "${p.id}"`, (p) => `Known ids: ${p.known || '(none)'}.`),
  REF_DUPLICATE: entry<{ kind: string; id: string; first: string }>('error', (p) => `${p.kind} "${p.id}" is placed twice (first at ${p.first})`, () => 'Place each figure and table once; refer to it elsewhere with {{ref}}.'),
  FIGURE_TYPED: entry<{ text: string }>('error', (p) => `figure "${p.text}" typed into prose`, () => 'Bind it to data instead: add it to data/*.yaml and write {{v path}}.'),
  MD_RAW_HTML: entry<{ snippet: string }>('error', (p) => `raw HTML is not allowed in chapters: ${p.snippet}`, () => 'Use Markdown for prose; layout belongs in templates/.'),
  MD_IMAGE: entry<{ url: string }>('error', (p) => `images are not allowed in chapters: ${p.url}`, () => 'Charts come from templates/charts via {{figure "id"}}.'),
  MD_LINK: entry<{ url: string }>('error', (p) => `link target "${p.url}" is not allowed`, () => 'Links may point to #anchors or to http(s) addresses only; nothing on disk.'),
  MD_TABLE: entry('error', () => 'Markdown tables are not allowed in chapters', () => 'Tables are generated from data: define one in templates/tables and place it with {{table "id"}}.'),
  MD_HEADING: entry<{ depth: number }>('error', (p) => `heading level ${p.depth} is not allowed`, () => 'Use ## for sections and ### for subsections; the chapter title comes from front matter.'),
  MD_TOO_MANY_HEADINGS: entry<{ max: number }>('error', (p) => `this chapter has more than the ${p.max} headings a chapter may`, () => "A report's chapter has a few dozen sections (the longest here has 25), and each heading is a line of the contents: tens of thousands of them would run the print out of time. Split the chapter, or make minor headings bold text."),
  MD_BLOCK_TOO_LONG: entry<{ max: number }>('error', (p) => `more than ${p.max} lines follow each other here without a blank line`, () => "A report's paragraph or list is a few lines (the longest here has 8): leave a blank line between paragraphs. The Markdown parser slows down with the square of a paragraph's lines, so a block this long could hold the check for minutes."),
  SUBJECT_MISMATCH: entry<{ path: string; subject: string }>('error', (p) => `"${p.path}" is a figure of ${p.subject}, but the sentence binding it does not name ${p.subject}`, (p) => `Name ${p.subject} in the sentence (or earlier in its section), bind another datum, or add the name the sentence uses to the datum's \`subject:\` list if it is the same subject.`),
  TERM_VARIANT: entry<{ variant: string; preferred: string }>('warning', (p) => `"${p.variant}": the report writes "${p.preferred}"`, () => 'Use the preferred form (the terms list: templates/editorial.yaml).'),
  RESTATED: entry<{ path: string; count: number; max: number; where: string }>('warning', (p) => `"${p.path}" is stated in ${p.count} sentences (at most ${p.max}): ${p.where}`, () => 'Give the figure where it matters and refer back to it elsewhere (the limit: max_restatements in templates/editorial.yaml).'),
  REFERENCE_MISSING: entry<{ source: string; count: number }>('error', (p) => `${p.source} is credited as the source of ${p.count} figure(s), but 参考资料 (data/edition.yaml \`references\`) has no entry by ${p.source}`, (p) => `Add a reference with \`author: ${p.source}\` to data/edition.yaml (its title, type and year as the source names them), or, if ${p.source} is no publication (a survey, a plan), list it under \`source_line.unpublished\` in templates/locale.yaml.`),
  DATA_UNUSED: entry<{ path: string }>('warning', (p) => `datum "${p.path}" is not used by any chapter, chart or table`, () => 'Use it, or remove it from data/ if it is no longer part of the report.'),
  SPEC_UNUSED: entry<{ kind: string; helper: string; id: string }>('warning', (p) => `${p.kind} "${p.id}" is not placed in any chapter`, (p) => `Place it with {{${p.helper} "${p.id}"}} on a line of its own, or delete the file.`),
  MISSING_TEMPLATE: entry<{ name: string; folder: string }>('error', (p) => `the layout template ${p.name} is missing from ${p.folder}`, (p) => `A report needs layout.hbs, print.css, locale.yaml, units.yaml and the partials (cover.hbs … changelog.hbs) in its templates folder: restore ${p.name} (e.g. \`git checkout -- ${p.folder}/${p.name}\`).`),
  // --- charts & tables ---
  CHART_SPEC: entry<{ detail: string; hint?: string }>('error', (p) => `chart spec: ${p.detail}`, (p) => p.hint || 'Check the Vega-Lite spec against https://vega.github.io/vega-lite/docs/.'),
  TABLE_SPEC: entry<{ detail: string }>('error', (p) => `table spec: ${p.detail}`, () => 'A table needs `caption`, `rows` (a group path or a list of paths) and `columns`.'),
  SPEC_DUPLICATE_ID: entry<{ id: string; first: string }>('error', (p) => `id "${p.id}" is also the id of ${p.first}`, () => 'Figures and tables are placed and referred to by id ({{figure "id"}}, {{ref "id"}}): give every chart and table file a name of its own.'),
  SPEC_UNSAFE: entry<{ what: string }>('error', (p) => `${p.what} is not allowed in a chart spec`, () => 'Charts draw only the rows bound under `data:`; they load no files or URLs and link nowhere.'),
  // --- chart and table design (issue 13): the theme, forms, and checks that know the data ---
  CHART_THEME: entry<{ detail: string }>('error', (p) => `chart theme: ${p.detail}`, () => 'templates/chart-theme.yaml holds the one chart theme (fonts in pt, the two widths in mm, the palette); see README "Charts and tables".'),
  CHART_FORM: entry<{ detail: string }>('error', (p) => `chart: ${p.detail}`, () => 'A chart is `form:` bar, grouped-bar, stacked-100, line, dumbbell, small-multiples or callout, with its rows under `data:` (README "Charts and tables").'),
  CHART_WIDTH: entry<{ found: string; allowed: string }>('error', (p) => `width ${p.found} is not one of the theme's widths (${p.allowed})`, () => 'Write `width: full` (the text block) or `width: half` (one of a pair side by side): charts are drawn at the size they print, never scaled, so their text prints at the theme\'s size.'),
  CHART_MIXED_UNITS: entry<{ first: string; firstUnit: string; other: string; otherUnit: string }>('error', (p) => `one value axis would show two units: "${p.first}" is in ${p.firstUnit}, "${p.other}" in ${p.otherUnit}`, () => 'Give each unit its own axis: `form: small-multiples` with one panel (one `data:` entry) per unit, or separate charts; a callout suits two or three unrelated figures.'),
  CHART_PART_AND_WHOLE: entry<{ part: string; whole: string }>('error', (p) => `"${p.part}" is drawn as a sibling of its own whole "${p.whole}"`, () => 'Draw the parts inside their whole (`form: stacked-100`) and leave the whole out of the bars, or show only the whole.'),
  CHART_OF_ESTIMATES: entry<{ id: string; count: number; total: number; path: string; word: string }>('warning', (p) => `chart "${p.id}" draws ${p.count} of its ${p.total} figures from the source's words ("${p.path}" is ${p.word}): bar lengths claim a precision the source does not give`, () => 'Print these figures in a sentence (each binding prints its qualifier: 5%左右, 超过200元/人) or a table, and keep charts for measured figures; one estimate among measured figures may stay. `--strict` fails on this.'),
  SHOWN_TWICE: entry<{ kind: string; id: string; other: string; otherId: string; count: number }>('warning', (p) => `${p.kind} "${p.id}" shows ${p.count} figure(s) that ${p.other} "${p.otherId}" in the same chapter shows too`, () => 'Show each dataset once: a chart for its shape or a table for look-up, not both (remove one placement). `--strict` fails on this.'),
  SPEC_NO_SOURCE: entry<{ kind: string; id: string }>('error', (p) => `${p.kind} "${p.id}" has no source to print under it`, () => 'Bind at least one figure (its `source:` is printed under the chart or table), or write who compiled it under `source:` in the spec.'),
  TEMPLATE_UNSAFE: entry<{ what: string; hint: string }>('error', (p) => `${p.what} is not allowed in a layout template`, (p) => p.hint),
  // --- issue 13 (review findings): callouts say only what the prose does not, tables keep one unit per column ---
  CALLOUT_REPEATS_PROSE: entry<{ id: string; path: string; line: number }>('warning', (p) => `callout "${p.id}" repeats "${p.path}", which the chapter already prints (line ${p.line})`, () => 'A callout is for key figures the prose does not state: remove the callout (the sentence carries the number), or the figure from it; `--strict` fails on this.'),
  CHART_CHANGE: entry<{ id: string; detail: string }>('error', (p) => `"${p.id}": \`draw: change\` ${p.detail}`, () => 'A change is a callout\'s key figure: its `data:` entry names one group, one measure\'s figures of two or more years (`from: users.traffic_growth`), printed as the latest figure with the earlier ones under it (2020年为19.2%). To draw years in a chart, use `orientation: columns`.'),
  // --- the web edition (issue 17): templates/site and out/site ---
  SITE_TEMPLATE: entry<{ detail: string }>('error', (p) => `web edition: ${p.detail}`, () => 'The web edition is made from templates/site (site.yaml, the *.hbs pages, site.css, site.js): restore the file named, or correct it (`git diff templates/site` shows what changed).'),
  SITE_SEARCH: entry<{ detail: string }>('error', (p) => `web edition: the search index could not be made: ${p.detail}`, () => 'The search index is made by pagefind (npm, a binary per platform): run `npm ci` to reinstall it, and check that `npx pagefind --version` runs on this machine.'),
  // --- confinement (issue 21): what a content pull request cannot make the build read, write or run ---
  INPUT_OUTSIDE: entry<{ file: string }>('error', (p) => `${p.file} is a symbolic link to a file outside the project`, () => 'Inputs are read only from inside the report\'s folder: replace the link with the file itself (`cp --remove-destination "$(readlink -f FILE)" FILE`), or remove it.'),
  INPUT_NOT_FILE: entry<{ file: string; found: string }>('error', (p) => `${p.file} is ${p.found}, not a regular file`, () => 'Data, chapters and templates are ordinary text files: replace it with one, or remove it.'),
  INPUT_TOO_LARGE: entry<{ file: string; size: string; max: string }>('error', (p) => `${p.file} is ${p.size}, more than the ${p.max} an input may have`, () => 'A report\'s data, chapter or template file is far smaller: check that this is the file you meant (not an export or a dump), or split it.'),
  OUT_UNSAFE: entry<{ folder: string; why: string }>('error', (p) => `refusing to write the edition to ${p.folder}: ${p.why}`, () => 'Write the edition to a real folder of the project (the default out/), or to an empty folder or one that holds an earlier edition (`--out out-e2`); a symbolic link out/ must be removed (`rm out`).'),
  NUMBER_TOO_PRECISE: entry<{ literal: string; digits: number; max: number }>('error', (p) => `${p.literal} has ${p.digits} significant digits, more than the ${p.max} a number can hold exactly`, () => 'Round it to the precision the source gives (a report prints a few digits), or use a larger unit.'),
  SPEC_LIMIT: entry<{ what: string }>('error', (p) => `${p.what} asks more work of the chart than a report's chart may`, () => 'Transforms that make rows, steps, bins or ticks are bounded so a spec cannot exhaust the build (steps and min/maxsteps ≤ 1000, maxbins ≤ 200, a sequence or keyvals ≤ 10000 rows, a quantile step ≥ 0.001, a bin step only with an extent, tickCount ≤ 100, a regression order ≤ 10; no sequence() or pad() in expressions): lower the number.'),
  HIDDEN_CHARACTER: entry<{ kind: string; codePoint: string }>('error', (p) => `${p.kind} (${p.codePoint}) is not allowed: the text would print other than it reads`, () => 'Delete it (most editors show it with "show invisibles"): bidirectional controls reorder the printed text, invisible and control characters hide text from review. Chinese and Latin text mix correctly without them.'),
  // --- issue 21 (the rest): bounded work, signals, checked after Handlebars ---
  CHART_TOO_SLOW: entry<{ ms: number }>('error', (p) => `the chart was stopped after ${p.ms} ms: its spec asks more work than a report's chart needs`, () => 'A report\'s chart computes in well under a second: its transforms make far more rows or steps than it shows (an impute over many keys, a window over a whole frame, a density or regression per group …). Simplify them. Only if the machine is slow, raise the budget on the command line: `--work-budget MS`.'),
  DATA_TOO_SLOW: entry<{ ms: number; what: string }>('error', (p) => `checking ${p.what} was stopped after ${p.ms} ms`, () => 'A report\'s data checks in about a second: this file asks far more (a huge or deeply nested file, thousands of derived figures or links). Check that it is the file you meant, or split it. Only if the machine is slow, raise the budget on the command line: `--work-budget MS`.'),
  PAGE_TOO_WIDE: entry<{ what: string; width: number; max: number; text: string }>('error', (p) => `${p.what} is ${p.width} px wide, wider than the ${p.max} px text block: "${p.text}" cannot break`, () => 'Chromium would shrink every page of the report to fit it. Shorten the text, give it spaces or punctuation where it may break, or move the long words out of a number or header column.'),
  MD_TOO_DEEP: entry<{ depth: string; max: number }>('error', (p) => `lists and block quotes are nested ${p.depth} levels deep here, more than the ${p.max} a chapter may`, (p) => `A report's prose needs a few levels: flatten the list or quote to at most ${p.max} levels (a deeper outline is a table or a chart).`),
  // --- issue 20: nothing wrong prints silently ---
  SECTION_UNKNOWN: entry<{ helper: string; target: string; suggestion?: string }>('error', (p) => `{{${p.helper} "${p.target}"}} points to no chapter or section${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}`, () => '{{see}} and {{at}} take a chapter or section number as the contents print it ("2", "2.1", "2.1.3"); a section renumbered by an added heading needs its pointer renumbered too. A figure or table is referred to with {{ref "id"}}.'),
  CITATION_ORDER: entry<{ kind: 'figure' | 'table'; id: string; earlier: string; line: number }>(
    'error',
    (p) => `${p.kind} "${p.id}" is cited before ${p.kind} "${p.earlier}" (placed at line ${p.line}), but numbered after it`,
    (p) => `Exhibits are numbered in the order they are placed, and readers expect that to be the order of first citation. Place {{${p.kind} "${p.id}"}} before {{${p.kind} "${p.earlier}"}}, or cite "${p.earlier}" first.`,
  ),
  REF_TO_CALLOUT: entry<{ id: string }>('error', (p) => `{{ref "${p.id}"}} points to a key-figure callout, which has no number to print`, () => 'A callout is not numbered or listed: it stands under the sentence it completes (reviews 49–54 read numbered number cards as figures that draw nothing). Drop the {{ref}} and the words around it (见…), let the sentence lead into the figures, or point to its section with {{at}}.'),
  REF_NOT_PLACED: entry<{ kind: string; helper: string; id: string }>('error', (p) => `${p.kind} "${p.id}" is referred to but not placed`, (p) => `Place it where it should appear: add {{${p.helper} "${p.id}"}} on a line of its own; {{ref "${p.id}"}} then prints its number.`),
  CHART_UNKNOWN_FIELD: entry<{ field: string; where: string; suggestion?: string; fields: string }>('error', (p) => `chart field "${p.field}" in ${p.where} is not a field of the rows the chart draws${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}`, (p) => `The chart's rows have: ${p.fields}; a transform's \`as:\` adds a field. Fix the field's name (a renamed data key renames its fields too).`),
  PRINTS_WRONG: entry<{ what: string; token: string; text: string }>('error', (p) => `${p.what} would print "${p.token}": "${p.text}"`, () => 'A value was missing or not a number when it was printed: check the fields and data paths this uses (a renamed key, a misspelt field) and that every figure it needs has a value.'),
  // --- build & print ---
  NO_BROWSER: entry<{ detail?: string }>('error', (p) => `no Chromium or Chrome found${p.detail ? `: ${p.detail}` : ''}`, () => 'Run `apt-get update && apt-get install -y chromium` (as root on Debian), or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.'),
  BROWSER_LAUNCH: entry<{ path: string; detail: string }>('error', (p) => `could not start the browser ${p.path}: ${p.detail}`, () => 'Check that the browser runs: `chromium --headless=new --version`; reinstall it with `apt-get install --reinstall -y chromium`, or point PUPPETEER_EXECUTABLE_PATH at a working Chrome/Chromium.'),
  BROWSER_TIMEOUT: entry<{ path: string; ms: number }>('error', (p) => `the browser ${p.path} did not start within ${p.ms} ms`, () => 'The browser hung while starting and was stopped. Raise --timeout on a slow machine, or check the browser: `chromium --headless=new --version`.'),
  PRINT_TIMEOUT: entry<{ ms: number }>('error', (p) => `printing did not finish within ${p.ms} ms`, () => 'The browser hung or the document is too heavy; it was stopped and out/ is untouched. Raise --timeout or check the document.'),
  PRINT_FAILED: entry<{ detail: string }>('error', (p) => `printing failed: ${p.detail}`, () => 'The browser crashed or was closed while printing; out/ is untouched. Build again; run with --verbose for the browser error.'),
  BLOCKED_REQUEST: entry<{ url: string }>('error', (p) => `the document tried to load ${p.url}`, () => 'Only the project\'s own files may be loaded while printing.'),
  WRITE_FAILED: entry<{ target: string; detail: string }>('error', (p) => `cannot write ${p.target}: ${p.detail}`, () => 'Check that out/ is writable and the disk has space; the previous edition is untouched.'),
  LOCKED: entry<{ pid: number; lock: string }>('error', (p) => `another build (pid ${p.pid}) holds ${p.lock}`, () => 'Wait for it to finish, or delete the lock file if that process is gone.'),
  INTERRUPTED: entry<{ command: string }>('error', (p) => `${p.command} interrupted`, () => 'Nothing was written; the previous edition in out/ is untouched.'),
  PAGES_NO_PDF: entry<{ pdf: string }>('error', (p) => `${p.pdf} does not exist yet`, () => 'Run `npm run build` first (with the same --out, if you gave one), then `npm run pages`.'),
  BENCH_STEP_FAILED: entry<{ step: string; detail: string }>('error', (p) => `bench: ${p.step} failed${p.detail ? `: ${p.detail}` : ''}`, (p) => `The bench measures a working report: run ${p.step} on its own to see why, fix that, then run the bench again.`),
  // --- npm run dev ---
  PORT_IN_USE: entry<{ port: number }>('error', (p) => `port ${p.port} on 127.0.0.1 is already in use`, (p) => `Another program (perhaps another \`npm run dev\`) listens there: stop it, or preview on another port, e.g. \`npm run dev -- --port ${p.port === 4321 ? 4322 : 4321}\`.`),
  PORT_UNAVAILABLE: entry<{ port: number; detail: string }>('error', (p) => `cannot listen on 127.0.0.1:${p.port}: ${p.detail}`, () => 'Preview on another port, e.g. `npm run dev -- --port 4321` (ports below 1024 need root).'),
  // --- the command line (exit code 2) ---
  CLI_UNKNOWN_COMMAND: entry<{ command: string; known: string; suggestion?: string }>('error', (p) => `unknown command "${p.command}"`, (p) => `${p.suggestion ? `Did you mean ${p.suggestion}? ` : ''}Commands: ${p.known} (each with --help, e.g. \`npm run build -- --help\`).`),
  CLI_UNKNOWN_OPTION: entry<{ command: string; option: string; known: string; suggestion?: string; help: string }>('error', (p) => `${p.command}: unknown option ${p.option}`, (p) => `${p.suggestion ? `Did you mean ${p.suggestion}? ` : ''}${p.command} takes ${p.known}; \`${p.help}\` says what each does.`),
  CLI_MISSING_VALUE: entry<{ option: string; expected: string; found: string; example: string }>('error', (p) => `${p.option} needs a value: expected ${p.expected}, found ${p.found}`, (p) => `Write the value after the option, e.g. ${p.example} (a value that starts with a dash: ${p.option}=VALUE).`),
  CLI_BAD_VALUE: entry<{ option: string; expected: string; found: string; example: string }>('error', (p) => `${p.option}: expected ${p.expected}, found ${p.found}`, (p) => `For example ${p.example}.`),
  CLI_REPEATED_OPTION: entry<{ option: string; values: string }>('error', (p) => `${p.option} is given more than once (${p.values})`, () => 'Give each option once: which one was meant cannot be guessed.'),
  CLI_UNEXPECTED_ARGUMENT: entry<{ command: string; argument: string; takes: string; help: string }>('error', (p) => `${p.command}: unexpected argument "${p.argument}"`, (p) => `${p.command} takes ${p.takes}; options start with --. \`${p.help}\` says more.`),
  CLI_ARGUMENTS: entry<{ command: string; detail: string; help: string }>('error', (p) => `${p.command}: ${p.detail}`, (p) => `\`${p.help}\` lists what ${p.command} takes.`),
  // --- edition diff (npm run diff) ---
  DIFF_NO_BASE: entry<{ ref: string; detail: string }>('error', (p) => `no base edition "${p.ref}": ${p.detail}`, () => 'Pass a git ref (branch, tag, commit) or a folder holding an edition\'s report.html, report.pdf and edition.json; without one, the merge-base with the main branch is used.'),
  DIFF_BAD_EDITION: entry<{ ref: string; detail: string }>('error', (p) => `the edition ${p.ref} has an edition.json this pipeline cannot read: ${p.detail}`, () => 'It was written by an older pipeline (or edited since). Rebuild that edition with this pipeline (`npm run build -- --out <folder>` on its inputs) and pass the folder, or pass its git ref and let the diff build it.'),
  DIFF_BASE_BUILD: entry<{ ref: string; detail: string }>('error', (p) => `building the base edition ${p.ref} failed: ${p.detail}`, (p) => `Check out ${p.ref} and run \`npm run build\` there to see why.`),
  DIFF_GIT: entry<{ command: string; detail: string; folder: string }>('error', (p) => `git ${p.command} failed: ${p.detail}`, (p) => `A git ref as the base needs ${p.folder} to be in a git repository, with git installed and room in the temporary folder; run \`git ${p.command}\` there to see the whole error, or pass a folder holding an edition instead.`),
  DIFF_IMAGE_BLOCKED: entry<{ urls: string }>('error', (p) => `a chart image tried to load ${p.urls}`, () => 'Chart images may load only the report\'s fonts: a chart\'s SVG refers to a file or an address. Check the chart specs in templates/charts (npm run check), and rebuild both editions.'),
  DIFF_NOT_A_REPORT: entry<{ edition: string; missing: string }>('error', (p) => `the report.html of ${p.edition} has no ${p.missing}`, () => 'It is not a report.html the pipeline wrote: rebuild that edition (`npm run build`, or pass another --head folder) and compare again.'),
  DIFF_CHANGELOG_UNWRITABLE: entry<{ found: string }>('error', (p) => `cannot rewrite the changelog: data/edition.yaml is ${p.found}, not a mapping of the edition's fields`, () => 'Fix data/edition.yaml first (`npm run check` shows where), then run `npm run diff -- --changelog` again.'),
  DIFF_EDITION_NOT_BUMPED: entry<{ edition: number }>('warning', (p) => `the data changed but the edition number did not (still ${p.edition})`, () => 'Raise `edition` in data/edition.yaml and add the new edition to `history`, then run `npm run diff -- --changelog`.'),
  DIFF_EDITION_BACKWARDS: entry<{ from: number; to: number }>('warning', (p) => `the edition number went back from ${p.from} to ${p.to}`, () => 'An edition number only grows: check `edition` in data/edition.yaml against the base.'),
  DIFF_CHANGELOG_STALE: entry<{ detail: string }>('warning', (p) => `the changelog (\`changes\` in data/edition.yaml) does not match the data: ${p.detail}`, () => 'Run `npm run diff -- --changelog` to rewrite it from the data, then rebuild.'),
  // issue 16: the Traditional Chinese edition (templates/locale.zh-Hant.yaml, templates/zh-Hant-overrides.yaml)
  LOCALE_OVERRIDE_UNUSED: entry<{ from: string; tag: string }>('warning', (p) => `the ${p.tag} override of "${p.from}" is never used: no printed text contains it`, (p) => `The text it fixed is gone or was reworded: delete the entry, or change \`from:\` to the Simplified words the ${p.tag} edition now gets wrong.`),
  LOCALE_OVERRIDE_TWICE: entry<{ from: string; tag: string }>('error', (p) => `"${p.from}" has two ${p.tag} overrides`, () => 'Which form the edition prints cannot be guessed: keep one entry.'),
  LOCALE_STUTTER: entry<{ tag: string; context: string; source: string }>('error', (p) => `the ${p.tag} edition says a word twice where its source does not: "${p.context}" (from "${p.source}")`, (p) => `The converter, or an override, put a phrase next to a character it begins with (使用户 → 使使用者). Add an override in templates/${p.tag}-overrides.yaml whose \`from:\` takes in the character before (使用户) and whose \`to:\` is the sentence's meaning (讓使用者); the last good edition in out/ is untouched.`),
  LOCALE_SIMPLIFIED_LEFT: entry<{ tag: string; page: number; found: string; expected: string; context: string }>('error', (p) => `the ${p.tag} PDF still has the Simplified "${p.found}" on page ${p.page} ("${p.context}"); converting it again gives "${p.expected}"`, (p) => `An override puts a Simplified form into the ${p.tag} edition, or text reached the PDF without conversion. If it is an override's \`to:\`, write the Traditional form; the last good edition in out/ is untouched.`),
} satisfies Record<string, { severity: Severity }>;

export type CatalogCode = keyof typeof catalog;
/** The parameters a code's entry declares (for a union of codes, any of theirs). */
export type ParamsOf<C extends CatalogCode> = C extends CatalogCode ? ((typeof catalog)[C]['message'] extends (p: infer P) => string ? P : never) : never;

export function diag<C extends CatalogCode>(code: C, params: ParamsOf<C>, where: Where = {}, severity?: Severity): Diagnostic {
  const e = catalog[code] as unknown as Entry<ParamsOf<C>>;
  const d: Diagnostic = { code, severity: severity ?? e.severity, message: e.message(params), hint: e.hint(params) };
  const given = Object.entries(params as Params).filter((kv): kv is [string, ParamValue] => kv[1] !== undefined);
  if (given.length) d.params = Object.fromEntries(given);
  // only the keys that have a value: a diagnostic without a position has no `file` at all
  for (const k of ['file', 'line', 'column', 'dataPath', 'cause'] as const) if (where[k] !== undefined) (d as Where)[k] = where[k] as never;
  return d;
}

/** Thrown by a stage that cannot go on; carries every problem it found, not just the first. */
export class BuildError extends Error {
  constructor(readonly diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'), options);
    this.name = 'BuildError';
  }
}

/** `file:line:col  data.path  message  [CODE]` and the hint below it; without a position, the message alone. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.file === undefined ? undefined : [d.file, d.line, d.line !== undefined ? d.column : undefined].filter((x) => x !== undefined).join(':');
  const where = [at, d.dataPath].filter((x) => x).join('  ');
  return `${where ? `${where}  ` : ''}${d.message}  [${d.code}]\n    ${d.severity === 'warning' ? 'warning' : 'hint'}: ${d.hint}`;
}

/** A diagnostic's underlying cause as --verbose shows it below the diagnostic (its message and stack); '' when it has none. */
export function formatCause(d: Diagnostic): string {
  return d.cause === undefined ? '' : indent(`cause: ${describeCause(d.cause)}`, '    ');
}

/** An underlying error as --verbose shows it: its stack (or message), then its own causes. */
export function describeCause(cause: unknown, depth = 0): string {
  const text = cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause);
  const deeper = cause instanceof Error && cause.cause !== undefined && depth < 5 ? `\ncaused by: ${describeCause(cause.cause, depth + 1)}` : '';
  return text + deeper;
}

const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

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
