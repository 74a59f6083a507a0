/**
 * The HTML stages, pure and browserless: check → render charts → render tables → render
 * chapters → assemble. The result is the document to print, with the layout's rules for its
 * page numbers: it is assembled with a first guess at them, and printing finds the true ones.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { checkInputs, type CheckCache, type Checked } from '../check/check-inputs.ts';
import type { ChapterSource } from '../check/parse-chapter.ts';
import { fontCssFiles, type FontSet } from '../core/fonts.ts';
import type { Project } from '../core/project.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { parseLocale } from '../model/locale.ts';
import { compileLayout, type AssembledDocument, type AssembleInput } from './assemble.ts';
import { noPageNumbers, pageMapOf, type PageMap, type PrintedPlaces } from './page-map.ts';
import { dataKeyOf, numberPlacements, renderChapters, type ChapterCache } from './render-chapters.ts';
import { renderCharts, type ChartCache } from './render-charts.ts';
import { renderTables } from './render-tables.ts';
import type { AdvanceTable } from './text-metrics.ts';
import { loadLocaleEditions, unusedOverrides, type LocaleEdition } from '../check/load-locale-editions.ts';
import { BuildError, errorsOf, type Diagnostic } from '../core/errors.ts';
import type { Locale } from '../model/locale.ts';
import { conversionFor, convertStrings, identity, sourceTag, type Conversion } from '../model/script-conversion.ts';
export { sourceTag };
import { rangeStyleOf } from '../model/vocabulary.ts';
import { localiseChapter, localiseTable } from './localise.ts';

/** What rendering reuses from earlier builds: drawn charts, rendered chapters, the charts' text advances. */
export interface RenderCache {
  charts: ChartCache;
  chapters: ChapterCache;
  advances: AdvanceTable;
}

export interface RenderOptions {
  strict?: boolean;
  /** stylesheet links, relative to out/ */
  stylesheets: Pick<AssembleInput, 'fontCss' | 'printCss' | 'localeCss'>;
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
  /** the page furniture (running headers, folios) for a page map; `firstPage`: a block printed alone (a proof) numbers its first page so */
  furnitureCss(map: PageMap, firstPage?: number): string;
  /** the same document with other page numbers */
  withPageMap(map: PageMap): AssembledDocument;
}

export async function renderDocument(inputs: Inputs, timer: StageTimer, opts: RenderOptions) {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  return renderChecked(checked, inputs, timer, opts);
}

/** One edition of the checked source: the source edition (zh-Hans), or another (`edition`, issue 16) with its text converted and figures formatted for its locale. */
function renderChecked(checked: Checked, inputs: Inputs, timer: StageTimer, opts: RenderOptions, edition?: LocaleEdition) {
  const conversion = edition ? conversionFor(edition.variant, edition.overrides) : identity;
  const text = conversion.convert;
  const base = parseLocale(inputs.layout.locale);
  // the layout's words converted; the qualifiers stay the data's words (they are looked up, and printed through the formatter)
  const locale: Locale & { unit_names?: Record<string, string> } = edition ? { ...convertStrings(base, text), qualifiers: base.qualifiers, computed_qualifiers: base.computed_qualifiers, unit_names: edition.variant.unit_names } : base;
  const data = edition ? { ...checked.data, edition: convertStrings(checked.data.edition, text), vocabulary: { ...checked.data.vocabulary, range: rangeStyleOf(locale) } } : checked.data;
  return renderWith({ ...checked, data }, locale, inputs, timer, opts, conversion, edition);
}

async function renderWith(checked: Checked, locale: Locale, inputs: Inputs, timer: StageTimer, opts: RenderOptions, conversion: Conversion, edition?: LocaleEdition) {
  const { data } = checked;
  const text = conversion.convert;
  const fonts = edition?.variant.fonts ?? 'sc';
  const charts = await timer.run('render charts', () => renderCharts(checked.charts, data.nodes, locale, opts.cache?.charts ?? new Map(), opts.cache?.advances, { conversion, fonts }));
  const tables = await timer.run('render tables', () => renderTables(checked.tables, data.nodes, locale).map((t) => (edition ? localiseTable(t, text) : t)));
  const numbering = numberPlacements(checked.placements, locale);
  const dataKey = (ch: ChapterSource) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], data);
  const rendered = await timer.run('render chapters', () => renderChapters(checked.chapters, data, numbering, locale, opts.cache?.chapters, dataKey));
  const chapters = edition ? rendered.map((ch) => localiseChapter(ch, text)) : rendered;

  const layout = compileLayout(inputs.layout);
  const input: AssembleInput = { edition: data.edition, locale, chapters, charts, tables, numbering, inputsHash: inputs.inputsHash, ...opts.stylesheets, ...(edition ? { lang: edition.variant.lang } : {}) };
  const doc = await timer.run('assemble', () => layout.assemble(input, opts.pageMap ?? noPageNumbers));
  const printable: PrintableDocument = {
    doc,
    pageMapOf: (printed) => pageMapOf(printed, chapters[0]?.anchor),
    furnitureCss: (map, firstPage) => layout.furniture(input, map, firstPage),
    withPageMap: (map) => layout.assemble(input, map),
  };
  return { data, chapters, charts, tables, numbering, printable, warnings: checked.warnings, conversion };
}

/** An edition and what it is: its tag (zh-Hans, zh-Hant), its languages, and for another edition its conversion and overrides. */
export interface EditionRendering extends RenderedDocument {
  tag: string;
  /** the PDF's /Lang */
  pdfLang: string;
  edition?: LocaleEdition;
  /** what only this edition warns of: overrides no printed text used */
  localeWarnings: Diagnostic[];
}

/**
 * Every edition of one source, checked once: the source edition (zh-Hans) and one per
 * templates/locale.<tag>.yaml (`only`: just these tags). Each renders with its own copy of the
 * drawn charts and rendered chapters, and the cache keeps what any edition drew (pruning is per edition).
 * `stylesheets(tag)` and `pageMaps(tag)`: an edition's links and first guess at its page numbers.
 */
export async function renderEditions(inputs: Inputs, timer: StageTimer, opts: Omit<RenderOptions, 'stylesheets' | 'pageMap'> & { only?: string[]; stylesheets: (tag: string, fonts: FontSet) => RenderOptions['stylesheets']; pageMaps: (tag: string) => PageMap | undefined }): Promise<EditionRendering[]> {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  const { editions, diagnostics } = loadLocaleEditions(inputs.vocabulary);
  if (errorsOf(diagnostics).length) throw new BuildError(errorsOf(diagnostics));
  const wanted = (tag: string) => !opts.only || opts.only.includes(tag);
  const out: EditionRendering[] = [];
  const kept = { charts: new Map() as ChartCache, chapters: new Map() as ChapterCache };
  const forked = (): RenderOptions['cache'] => opts.cache && { ...opts.cache, charts: new Map(opts.cache.charts), chapters: new Map(opts.cache.chapters) };
  const keep = (c: RenderOptions['cache']) => c && (c.charts.forEach((v, k) => kept.charts.set(k, v)), c.chapters.forEach((v, k) => kept.chapters.set(k, v)));
  if (wanted(sourceTag)) {
    const cache = forked();
    out.push({ ...(await renderChecked(checked, inputs, timer, { ...opts, cache, stylesheets: opts.stylesheets(sourceTag, 'sc'), pageMap: opts.pageMaps(sourceTag) })), tag: sourceTag, pdfLang: checked.data.edition.language, localeWarnings: [] });
    keep(cache);
  }
  for (const edition of editions.filter((e) => wanted(e.variant.tag))) {
    const cache = forked();
    const r = await renderChecked(checked, inputs, timer, { ...opts, cache, stylesheets: opts.stylesheets(edition.variant.tag, edition.variant.fonts), pageMap: opts.pageMaps(edition.variant.tag) }, edition);
    keep(cache);
    // a warning, not an error: a project's templates serve other sources too (the test fixtures), which use fewer terms
    out.push({ ...r, tag: edition.variant.tag, pdfLang: edition.variant.pdf_lang, edition, localeWarnings: unusedOverrides(edition, r.conversion.used) });
  }
  if (opts.cache) for (const part of ['charts', 'chapters'] as const) (opts.cache[part] as Map<string, unknown>) = kept[part];
  return out;
}


export type RenderedDocument = Awaited<ReturnType<typeof renderWith>>;

/**
 * The document's stylesheets (the fonts' and print.css) as links relative to out/. print.css
 * carries its hash: an open page (watch mode) keeps the document's stylesheets, so an edited
 * print.css must be a new link for the page to load it. Another edition (`tag`) links its fonts
 * (Noto Serif/Sans TC for zh-Hant) and its templates/print.<tag>.css after print.css.
 */
export function stylesheetsFor(project: Project, inputs: Pick<Inputs, 'layout' | 'hashes'>, tag: string = sourceTag, fonts: FontSet = 'sc'): RenderOptions['stylesheets'] {
  const fromOut = (p: string) => relative(project.outDir, p).split('\\').join('/');
  const version = createHash('sha256').update(inputs.layout.printCss).digest('hex').slice(0, 12);
  const links = { fontCss: fontCssFiles(fonts).map(fromOut), printCss: `${fromOut(join(project.templatesDir, 'print.css'))}?v=${version}` };
  const localeCss = join(project.templatesDir, `print.${tag}.css`);
  const hash = inputs.hashes[relative(project.root, localeCss).split('\\').join('/')];
  return tag === sourceTag || !hash ? links : { ...links, localeCss: `${fromOut(localeCss)}?v=${hash.slice(0, 12)}` };
}
