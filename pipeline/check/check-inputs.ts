/**
 * `npm run check`, and the first step of every build: the vocabulary (units, qualifiers, editorial
 * rules), data, chapters, charts, tables and layout templates are checked without a browser, and
 * every problem of the run is reported at once. Errors stop the run; warnings are returned, and
 * stop it too with `strict`.
 */
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import { loadDataFile, loadDataLeniently, type DataFilePart, type LenientData } from './load-data.ts';
import { OverBudget, withinBudget, workBudgets } from '../core/work-budget.ts';
import type { Vocabulary } from '../model/vocabulary.ts';
import { cachedBy, fileKey } from '../core/cache.ts';
import type { z } from 'zod';
import { checkChapters, kindWord, type Placement } from './check-chapters.ts';
import { checkChartSpec, checkTableSpec } from './check-specs.ts';
import { checkChartFields } from './chart-fields.ts';
import { checkLayoutTemplates } from './check-templates.ts';
import { hiddenCharacters } from './hidden-characters.ts';
import { calloutIds, loadChartSpecs, loadSpecFile, loadTableSpecs, type ChartSpec, type SpecPart, type TableSpec } from './load-specs.ts';
import type { SourceFile } from '../core/source-text.ts';
import type { DataSet } from './load-data.ts';
import { parseChapter, parseChapters, type ChapterSource } from './parse-chapter.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { loadVocabulary } from './load-vocabulary.ts';
import { restatements, subjectProblems, termVariants } from './editorial-checks.ts';
import { applyKnownIssues, unusedKnownIssues } from './known-issues.ts';
import { unreferencedSources } from './reference-checks.ts';
import { unknownKeyFigures } from './key-figures.ts';
import { editionFile } from './data-schemas.ts';
import { LocaleSchema } from '../model/locale.ts';
import { isSetAside } from '../model/data-model.ts';
import { parse as parseYaml } from 'yaml';
import { checkChartDesign, checkTableSource, datumsUnder, shownTwice, calloutRepeatsProse, tableFigures } from './chart-checks.ts';
import { loadChartTheme, type ChartTheme } from './load-chart-theme.ts';

export interface Checked {
  data: DataSet;
  chapters: ChapterSource[];
  charts: ChartSpec[];
  tables: TableSpec[];
  /** the one chart theme (templates/chart-theme.yaml) */
  theme: ChartTheme;
  placements: Placement[];
  /** data paths each chapter file reads */
  usedBy: Map<string, Set<string>>;
  /** warnings only: errors throw */
  warnings: Diagnostic[];
}

/** What earlier runs loaded and parsed, by input file (its path and hash): unchanged files are not parsed again. */
export interface CheckCache {
  /** data files' loaded parts, by file and vocabulary */
  data: Map<string, DataFilePart>;
  /** chart and table files' loaded parts */
  specs: Map<string, SpecPart>;
  /** chapter files parsed (front matter, Handlebars tree), by file key and chapter number */
  sources: Map<string, { chapter?: ChapterSource; diagnostics: Diagnostic[] }>;
}

export interface CheckOptions {
  /** warnings fail too (`--strict`) */
  strict?: boolean;
  /** what earlier runs loaded and parsed, by file (build-cache.ts): unchanged files are not parsed again */
  cache?: CheckCache;
}

export function checkInputs(inputs: Inputs, opts: CheckOptions = {}): Checked {
  const diagnostics: Diagnostic[] = [];
  const cache = opts.cache;
  const vocab = loadVocabulary(inputs.vocabulary);
  diagnostics.push(...vocab.diagnostics);
  const vocabulary = vocab.vocabulary;
  // a data file's part depends on its bytes and on the units and qualifiers it was validated with
  const partOf = (f: SourceFile) => (cache ? cachedBy(cache.data, `${fileKey(f.path, inputs)}#${vocab.key}`, () => loadDataFile(f, vocabulary!)) : loadDataFile(f, vocabulary!));
  const loaded = vocabulary && loadDataWithinBudget(inputs.data, vocabulary, partOf);
  if (loaded) diagnostics.push(...loaded.errors, ...loaded.data.warnings);
  const data = loaded?.data;
  // what failed to load was reported where it failed: its uses are not reported again
  const unavailable = loaded?.unavailable ?? (() => false);
  const parsed = parseChapters(inputs.chapters, cache ? (f, n) => cachedBy(cache.sources, `${fileKey(f.path, inputs)}#${n}`, () => parseChapter(f, n)) : parseChapter);
  const specPart = cache ? (f: SourceFile, schema: z.ZodObject) => cachedBy(cache.specs, fileKey(f.path, inputs), () => loadSpecFile(f, schema)) : loadSpecFile;
  const charts = loadChartSpecs(inputs.charts, specPart);
  const tables = loadTableSpecs(inputs.tables, specPart);
  const theme = loadChartTheme(inputs.vocabulary);
  diagnostics.push(...parsed.diagnostics, ...charts.diagnostics, ...tables.diagnostics, ...theme.diagnostics, ...checkLayoutTemplates(inputs));
  diagnostics.push(...hiddenCharacters([...inputs.data, ...inputs.chapters, ...inputs.charts, ...inputs.tables, ...inputs.vocabulary]));

  // one id, one file: {{figure}}, {{table}} and {{ref}} find charts and tables by id alone
  const ids = new Map<string, string>();
  for (const f of [...inputs.charts, ...inputs.tables]) {
    const id = f.path.split('/').pop()!.replace(/\.ya?ml$/, '');
    const first = ids.get(id);
    if (first) diagnostics.push(diag('SPEC_DUPLICATE_ID', { id, first }, { file: f.path, line: 1, column: 1 }));
    else ids.set(id, f.path);
  }

  let placements: Placement[] = [];
  let usedBy = new Map<string, Set<string>>();
  if (data) {
    // ids come from the files, so a spec with errors of its own is still a known id (no second error where it is placed)
    const idOf = (f: SourceFile) => f.path.split('/').pop()!.replace(/\.ya?ml$/, '');
    const known = { figure: new Set(inputs.charts.map(idOf)), table: new Set(inputs.tables.map(idOf)), callout: calloutIds(charts.specs) };
    const checked = checkChapters(parsed.chapters, data.nodes, known, data.vocabulary, unavailable);
    diagnostics.push(...checked.diagnostics);
    diagnostics.push(...applyKnownIssues(subjectProblems(checked.sentences, data.nodes), data.nodes, data.accepted), ...unusedKnownIssues(data.nodes, data.accepted));
    const locale = LocaleSchema.safeParse(parseYaml(inputs.layout.locale));
    if (locale.success && data.edition) diagnostics.push(...unreferencedSources(data.nodes, data.edition, locale.data.source_line));
    if (data.edition) diagnostics.push(...unknownKeyFigures(data.edition, data.nodes, inputs.data.find((f) => f.path.endsWith(`/${editionFile}.yaml`))));
    if (vocab.editorial) {
      diagnostics.push(...restatements(checked.sentences, data.nodes, vocab.editorial.max_restatements));
      diagnostics.push(...termVariants(vocab.editorial.terms, parsed.chapters, data.texts));
    }
    placements = checked.placements;
    usedBy = checked.usedBy;
    const used = new Set(checked.usedPaths);
    for (const s of charts.specs) {
      const r = checkChartSpec(s, data.nodes, unavailable);
      diagnostics.push(...r.diagnostics);
      const complete = !r.diagnostics.length && !s.data.some((b) => [b.from].flat().some(unavailable));
      if (complete) diagnostics.push(...checkChartFields(s, data.nodes, data.vocabulary.range), ...checkChartDesign(s, data.nodes));
      r.used.forEach((p) => used.add(p));
    }
    for (const s of tables.specs) {
      const r = checkTableSpec(s, data.nodes, unavailable);
      diagnostics.push(...r.diagnostics);
      if (!r.diagnostics.length) diagnostics.push(...checkTableSource(s, data.nodes));
      r.used.forEach((p) => used.add(p));
    }
    if (!loaded!.errors.length) diagnostics.push(...unusedData(data, used)); // with data missing, "unused" would only guess
    const nodes = data.nodes;
    const drawnBy = new Map<string, Set<string>>([
      ...charts.specs.map((s) => [s.id, new Set(s.data.flatMap((b) => (typeof b.from === 'string' ? [b.from] : b.from)).flatMap((p) => datumsUnder(p, nodes).map((d) => d.path)))] as const),
      ...tables.specs.map((s) => [s.id, new Set(tableFigures(s, nodes).map((d) => d.path))] as const),
    ]);
    diagnostics.push(...shownTwice(placements, drawnBy));
    const callouts = new Map(charts.specs.filter((s) => s.form === 'callout').map((s) => [s.id, drawnBy.get(s.id) ?? new Set<string>()] as const));
    diagnostics.push(...calloutRepeatsProse(placements, callouts, checked.sentences));
    const placed = new Set(placements.map((p) => p.id));
    for (const [kind, specs] of [['figure', charts.specs], ['table', tables.specs]] as const) {
      for (const s of specs) if (!placed.has(s.id)) diagnostics.push(diag('SPEC_UNUSED', { kind: kindWord(kind), helper: kind, id: s.id }, { file: s.file, line: 1, column: 1 }));
    }
  } else {
    // without the data, bindings cannot be checked; charts and tables still get their safety check
    for (const s of charts.specs) diagnostics.push(...checkChartSpec(s, new Map()).diagnostics.filter((d) => d.code === 'SPEC_UNSAFE'));
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (errors.length || !data?.edition || !theme.theme) throw new BuildError(errors);
  if (opts.strict && warnings.length) throw new BuildError(warnings);
  return { data: data as DataSet, chapters: parsed.chapters, charts: charts.specs, tables: tables.specs, theme: theme.theme, placements, usedBy, warnings };
}

/**
 * The data loaded and checked within the data's time budget (core/work-budget.ts). Over it, the
 * error names the file being read when time ran out, or the data as a whole when it was the rules
 * between figures; the run stops there (nothing else can be checked without the data).
 */
function loadDataWithinBudget(files: SourceFile[], vocabulary: Vocabulary, partOf: (f: SourceFile) => DataFilePart): LenientData {
  let reading: SourceFile | undefined;
  try {
    return withinBudget(workBudgets().dataMs, () =>
      loadDataLeniently(files, vocabulary, (f) => {
        reading = f;
        const part = partOf(f);
        reading = undefined;
        return part;
      }),
    );
  } catch (e) {
    if (!(e instanceof OverBudget)) throw e;
    // out of time between files: in the rules between figures, which are the data's as a whole
    throw new BuildError([diag('DATA_TOO_SLOW', { ms: e.ms, what: reading?.path ?? 'data/' }, { file: reading?.path ?? 'data' })]);
  }
}

/** A datum nobody prints is either dead data or a figure the prose forgot: warn. */
function unusedData(data: Pick<DataSet, 'nodes'>, used: Set<string>): Diagnostic[] {
  const reached = new Set<string>();
  for (const p of used) {
    reached.add(p);
    // a group path used by a chart or table reaches all its items
    for (const key of data.nodes.keys()) if (key.startsWith(p + '.')) reached.add(key);
  }
  // operands of a used derived figure are used too
  for (const n of data.nodes.values()) if (n.kind === 'datum' && n.derived && reached.has(n.path)) n.derived.of.forEach((p) => reached.add(p));
  const out: Diagnostic[] = [];
  for (const n of data.nodes.values()) {
    // a source's figure the edition does not adopt (under `as_stated`) is kept for the working file, not printed
    if (n.kind === 'group' || reached.has(n.path) || isSetAside(n)) continue;
    out.push(diag('DATA_UNUSED', { path: n.path }, { ...n.pos, dataPath: n.path }));
  }
  return out;
}
