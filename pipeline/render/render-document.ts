/**
 * The HTML stages, pure and browserless: check → render charts → render tables → render
 * chapters → assemble. The result is the document to print, with the layout's rules for its
 * page numbers: it is assembled with a first guess at them, and printing finds the true ones.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { checkInputs, type CheckCache, type Checked } from '../check/check-inputs.ts';
import { loadLocaleEditions, unusedOverrides, type LocaleEdition } from '../check/load-locale-editions.ts';
import { calloutIds } from '../check/load-specs.ts';
import type { ChapterSource } from '../check/parse-chapter.ts';
import { BuildError, diag, errorsOf, type Diagnostic } from '../core/errors.ts';
import type { FontSet } from '../core/fonts.ts';
import type { Project } from '../core/project.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { parseLocale, type Locale } from '../model/locale.ts';
import { conversionFor, convertStrings, identity, sourceTag, type Conversion } from '../model/script-conversion.ts';
import { rangeStyleOf } from '../model/vocabulary.ts';
import { throwIfErrors } from '../core/errors.ts';
import { checkRenderedLayout, type RenderedCheckCache } from './check-layout.ts';
import { compileLayout, type AssembledDocument, type AssembleInput } from './assemble.ts';
import { fontSubsets, type FontSubsets } from './font-subsets.ts';
import { localiseChapter, localiseTable } from './localise.ts';
import { markHeadingRangeDashes } from './range-dash.ts';
import { referenceList } from './reference-list.ts';
import { markCitations } from './citation-marks.ts';
import { sectionTexts } from './section-texts.ts';
import { sourceList } from './source-list.ts';
import { bindLastCharacters } from './last-line.ts';
import { allowChineseBreaks, bindFigureCores, keepDashes, keepNames, keepReferenceLeads } from './keep-together.ts';
import { noPageNumbers, pageMapOf, type PageMap, type PrintedPlaces } from './page-map.ts';
import { rectoOpenings, withPredictedPads } from './front-matter.ts';
import { shortClosings, strandedClosings } from './closing-sections.ts';
import { dataKeyOf, numberPlacements, renderChapters, type ChapterCache } from './render-chapters.ts';
import { renderCharts, type ChartCache } from './render-charts.ts';
import { renderTables } from './render-tables.ts';
import type { AdvanceTable } from './text-metrics.ts';

/** What rendering reuses from earlier builds: drawn charts, rendered chapters, the charts' text advances, the rendered-template check. */
export interface RenderCache {
  charts: ChartCache;
  chapters: ChapterCache;
  advances: AdvanceTable;
  /** the rendered-template check's findings (check-layout.ts) */
  rendered?: RenderedCheckCache;
}

export interface RenderOptions {
  strict?: boolean;
  /** print.css's link (and another edition's print.<tag>.css), relative to out/ (the fonts' stylesheet is the document's own subsets) */
  stylesheets: Pick<AssembleInput, 'printCss' | 'localeCss'>;
  /** what earlier builds loaded, drew and rendered */
  cache?: CheckCache & RenderCache;
  /** the page numbers to start from: the last edition's, or none */
  pageMap?: PageMap;
}

/** The document and the layout's rules for its page numbers: what printing needs to get them right. */
export interface PrintableDocument {
  doc: AssembledDocument;
  /** the page numbers a print calls for, from where it put each anchor */
  pageMapOf(printed: PrintedPlaces): PageMap;
  /** the chapters whose short closing section opens their last page in a print (closing-sections.ts): a tightened print may pull it back */
  strandedClosings(printed: PrintedPlaces): string[];
  /** the page furniture (running headers, folios) for a page map; `firstPage`: a block printed alone (a proof) numbers its first page so */
  furnitureCss(map: PageMap, firstPage?: number): string;
  /** the same document with other page numbers */
  withPageMap(map: PageMap): AssembledDocument;
  /** its fonts, cut to its characters: written under out/ before it is printed */
  fonts: FontSubsets;
}

export { sourceTag };

/** The source edition (zh-Hans) of the inputs. */
export async function renderDocument(inputs: Inputs, timer: StageTimer, opts: RenderOptions) {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  return inEditionPart(opts.cache, sourceTag, (cache) => renderChecked(checked, inputs, timer, { ...opts, cache }));
}

/** One edition of the checked source: the source edition, or another (`edition`, issue 16) with its words converted and its figures formatted for its locale. */
function renderChecked(checked: Checked, inputs: Inputs, timer: StageTimer, opts: RenderOptions, edition?: LocaleEdition) {
  if (!edition) return renderWith(checked, parseLocale(inputs.layout.locale), inputs, timer, opts, identity, 'sc');
  const conversion = conversionFor(edition.variant, edition.overrides);
  const text = conversion.convert;
  const base = parseLocale(inputs.layout.locale);
  // the layout's words converted; the qualifiers stay the data's words (they are looked up, and printed through the formatter)
  const { range_separator: separator, unit_labels, citation: cite } = edition.variant;
  const locale: Locale & { unit_names?: Record<string, string>; unit_labels?: Record<string, string> } = {
    ...convertStrings(base, text),
    qualifiers: base.qualifiers,
    computed_qualifiers: base.computed_qualifiers,
    range: { ...base.range, separator: separator ?? base.range.separator, year_separator: separator ?? base.range.year_separator },
    unit_names: edition.variant.unit_names,
    ...(unit_labels ? { unit_labels } : {}),
    // the edition's own citation convention, in its script already (not converted)
    // (a pattern that names no place: the zh-Hans form for an edition without one does not apply)
    ...(cite ? { citation: cite.pattern, citation_status: cite.status, citation_version: cite.version, citation_author_separator: cite.author_separator, citation_unplaced: undefined } : {}),
  };
  const data = { ...checked.data, edition: convertStrings(checked.data.edition, text), vocabulary: { ...checked.data.vocabulary, range: rangeStyleOf(locale) } };
  const theme = { ...checked.theme, words: convertStrings(checked.theme.words, text) };
  return renderWith({ ...checked, data, theme }, locale, inputs, timer, opts, conversion, edition.variant.fonts, edition.variant.lang);
}

async function renderWith(checked: Checked, locale: Locale, inputs: Inputs, timer: StageTimer, opts: RenderOptions, conversion: Conversion, fontSet: FontSet, lang?: string) {
  const { data } = checked;
  const text = conversion.convert;
  const other = conversion !== identity;

  // every stage runs even when one fails: the problems of charts, tables and chapters are reported together
  const failed: Diagnostic[] = [];
  const charts = await settled(failed, () => timer.run('render charts', () => renderCharts(checked.charts, data.nodes, locale, checked.theme, opts.cache?.charts ?? new Map(), opts.cache?.advances, data.vocabulary.units, { conversion, fonts: fontSet })));
  const tables = await settled(failed, () => timer.run('render tables', async () => (await renderTables(checked.tables, data.nodes, locale, checked.theme, data.vocabulary.units)).map((t) => (other ? localiseTable(t, text) : t))));
  const numbering = numberPlacements(checked.placements, locale, calloutIds(checked.charts));
  const dataKey = (ch: ChapterSource) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], data);
  const rendered = await settled(failed, () => timer.run('render chapters', () => renderChapters(checked.chapters, data, numbering, locale, opts.cache?.chapters, dataKey)));
  if (failed.length || !charts || !tables || !rendered) throw new BuildError(failed);
  // a copy either way: the cached trees are the source edition's, before any binding
  const chapters = rendered.map((ch) => (other ? localiseChapter(ch, text) : { ...ch, hast: structuredClone(ch.hast) }));
  // after the conversion: a bound run splits the text, and OpenCC converts phrases (制造 → 製造, 分钟 → 分鐘) only whole
  for (const ch of chapters) {
    bindFigureCores(ch.hast, [locale.range.separator, locale.range.year_separator]);
    keepDashes(ch.hast);
    keepReferenceLeads(ch.hast);
    keepNames(ch.hast, locale.keep_whole.map(text));
    allowChineseBreaks(ch.hast);
    bindLastCharacters(ch.hast);
    markHeadingRangeDashes(ch.hast);
  }

  const layout = compileLayout(inputs.layout);
  const body = chapters.filter((ch) => !ch.part);
  const numerals = chapters.map((ch) => ({ file: ch.file, numeral: ch.part ? ch.title : ch.numeral, numbered: !ch.part && locale.chapter_numerals.includes(ch.numeral) }));
  // the body's text by section, read once: which sections name each source and each reference
  const sections = sectionTexts(chapters);
  const sources = sourceList(data, checked.usedBy, numerals, sections, locale, text).map((s) => ({ ...s, source: text(s.source), counted: s.citations !== undefined }));
  const references = referenceList(data.edition.references ?? [], sections, locale.references);
  // after the sections are read: a [n] is no part of what a section names
  markCitations(body, references);
  const draft: AssembleInput = { edition: data.edition, locale, chapters: body, front: chapters.filter((ch) => ch.part), charts, tables, numbering, inputsHash: inputs.inputsHash, sources, references, fontCss: [], ...opts.stylesheets, ...(lang ? { lang } : {}) };
  // the characters the print can show: the document, its furniture's words (locale) and print.css's generated content
  const fonts = fontSubsets(layout.assemble(draft, opts.pageMap ?? noPageNumbers).html + (other ? text(inputs.layout.locale) : inputs.layout.locale) + inputs.layout.printCss, fontSet);
  const input: AssembleInput = { ...draft, fontCss: [fonts.css] };
  const doc = await timer.run('assemble', () => layout.assemble(input, opts.pageMap ?? noPageNumbers));
  throwIfErrors(await timer.run('check layout', () => checkRenderedLayout(inputs, input, opts.pageMap ?? noPageNumbers, opts.cache?.rendered)));
  const closings = shortClosings(body);
  const printable: PrintableDocument = {
    doc,
    pageMapOf: (printed) => withPredictedPads(rectoOpenings(body, locale.chapters_open), pageMapOf(printed, body[0]?.anchor)),
    strandedClosings: (printed) => strandedClosings(closings, printed),
    furnitureCss: (map, firstPage) => layout.furniture(input, map, firstPage),
    withPageMap: (map) => layout.assemble(input, map),
    fonts,
  };
  return { data, locale, chapters, charts, chartSpecs: checked.charts, tables, numbering, printable, warnings: checked.warnings, conversion };
}

/** A stage's result, or undefined with its problems added to `failed`. */
async function settled<T>(failed: Diagnostic[], stage: () => Promise<T>): Promise<T | undefined> {
  try {
    return await stage();
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    failed.push(...e.diagnostics);
    return undefined;
  }
}

export type RenderedDocument = Awaited<ReturnType<typeof renderWith>>;

/** An edition and what it is: its tag (zh-Hans, zh-Hant), its PDF's language, and for another edition its conversion and overrides. */
export interface EditionRendering extends RenderedDocument {
  tag: string;
  /** the PDF's /Lang */
  pdfLang: string;
  edition?: LocaleEdition;
  /** what only this edition warns of: overrides no printed text used */
  localeWarnings: Diagnostic[];
}

/**
 * The editions of one source, checked once: the source edition (zh-Hans) and one per
 * templates/locale.<tag>.yaml (`only`: just these tags), each rendered when asked for (build()
 * renders the next while the last prints, and not at all when its edition in out/ stands), with
 * the check's warnings. Each renders with its own part of the drawn charts and rendered
 * chapters, and the cache keeps what each edition drew last (pruning is per edition).
 */
export async function renderEditions(inputs: Inputs, timer: StageTimer, opts: Omit<RenderOptions, 'stylesheets' | 'pageMap'> & { only?: string[]; stylesheets: (tag: string) => RenderOptions['stylesheets']; pageMaps: (tag: string) => PageMap | undefined }): Promise<{ tag: string; warnings: Diagnostic[]; render: () => Promise<EditionRendering> }[]> {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  const { editions, diagnostics } = loadLocaleEditions(inputs.vocabulary);
  if (errorsOf(diagnostics).length) throw new BuildError(errorsOf(diagnostics));
  const wanted = [undefined, ...editions].filter((e) => !opts.only || opts.only.includes(e?.variant.tag ?? sourceTag));
  return wanted.map((edition) => ({ tag: edition?.variant.tag ?? sourceTag, warnings: checked.warnings, render: () => renderOne(edition) }));

  async function renderOne(edition: LocaleEdition | undefined): Promise<EditionRendering> {
    const tag = edition?.variant.tag ?? sourceTag;
    const r = await inEditionPart(opts.cache, tag, (cache) => renderChecked(checked, inputs, timer, { ...opts, cache, stylesheets: opts.stylesheets(tag), pageMap: opts.pageMaps(tag) }, edition));
    // a word said twice by the conversion (使使用者) is an error: it is never what the source says
    const stutters = r.conversion.stutters.map((s) => diag('LOCALE_STUTTER', { tag, context: s.context, source: s.source }, {}));
    if (stutters.length) throw new BuildError(stutters);
    // unused overrides warn, not fail: a project's templates serve other sources too (the test fixtures), which use fewer terms
    return { ...r, tag, pdfLang: edition?.variant.pdf_lang ?? checked.data.edition.language, edition, localeWarnings: edition ? unusedOverrides(edition, r.conversion.used) : [] };
  }
}

/**
 * Drawn charts and rendered chapters are kept per edition (`zh-Hant|<hash>`): a render sees only
 * its edition's part (and prunes it to what it uses now), so an edition finds what it drew last
 * whichever editions rendered before it, and whichever a build left out (one locale alone, or
 * one whose edition stood and was not rendered).
 */
async function inEditionPart<T>(cache: RenderOptions['cache'], tag: string, render: (own: RenderOptions['cache']) => Promise<T>): Promise<T> {
  if (!cache) return render(undefined);
  const own = { ...cache, charts: editionPart(cache.charts, tag), chapters: editionPart(cache.chapters, tag) };
  const r = await render(own);
  keepEditionPart(cache.charts, tag, own.charts);
  keepEditionPart(cache.chapters, tag, own.chapters);
  return r;
}

const editionPart = <V,>(part: Map<string, V>, tag: string) => new Map([...part].filter(([k]) => k.startsWith(`${tag}|`)).map(([k, v]) => [k.slice(tag.length + 1), v]));

/** An edition's entries replaced by what its render kept (and entries of no edition, an older cache's, dropped). */
function keepEditionPart<V>(part: Map<string, V>, tag: string, own: Map<string, V>): void {
  for (const k of [...part.keys()]) if (k.startsWith(`${tag}|`) || !k.includes('|')) part.delete(k);
  for (const [k, v] of own) part.set(`${tag}|${k}`, v);
}

/**
 * print.css as a link relative to out/. It carries its hash: an open page (watch mode) keeps the
 * document's stylesheets, so an edited print.css must be a new link for the page to load it.
 * Another edition (`tag`) links its templates/print.<tag>.css (its fonts) after print.css.
 */
export function stylesheetsFor(project: Project, inputs: Pick<Inputs, 'layout' | 'hashes'>, tag: string = sourceTag): RenderOptions['stylesheets'] {
  const fromOut = (p: string) => relative(project.outDir, p).split('\\').join('/');
  const version = createHash('sha256').update(inputs.layout.printCss).digest('hex').slice(0, 12);
  const links = { printCss: `${fromOut(join(project.templatesDir, 'print.css'))}?v=${version}` };
  const localeCss = join(project.templatesDir, `print.${tag}.css`);
  const hash = inputs.hashes[relative(project.root, localeCss).split('\\').join('/')];
  return tag === sourceTag || !hash ? links : { ...links, localeCss: `${fromOut(localeCss)}?v=${hash.slice(0, 12)}` };
}
