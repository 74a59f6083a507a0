/**
 * The HTML stages, pure and browserless: check → render charts → render tables → render
 * chapters → assemble. The result is the document to print, with the layout's rules for its
 * page numbers: it is assembled with a first guess at them, and printing finds the true ones.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { checkInputs, type CheckCache } from '../check/check-inputs.ts';
import type { ChapterSource } from '../check/parse-chapter.ts';
import { BuildError, type Diagnostic } from '../core/errors.ts';
import type { Project } from '../core/project.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { parseLocale } from '../model/locale.ts';
import { throwIfErrors } from '../core/errors.ts';
import { checkRenderedLayout } from './check-layout.ts';
import { compileLayout, type AssembledDocument, type AssembleInput } from './assemble.ts';
import { fontSubsets, type FontSubsets } from './font-subsets.ts';
import { noPageNumbers, pageMapOf, type PageMap, type PrintedPlaces } from './page-map.ts';
import { dataKeyOf, numberPlacements, renderChapters, type ChapterCache } from './render-chapters.ts';
import { renderCharts, type ChartCache } from './render-charts.ts';
import { renderTables } from './render-tables.ts';
import type { AdvanceTable } from './text-metrics.ts';

/** What rendering reuses from earlier builds: drawn charts, rendered chapters, the charts' text advances. */
export interface RenderCache {
  charts: ChartCache;
  chapters: ChapterCache;
  advances: AdvanceTable;
}

export interface RenderOptions {
  strict?: boolean;
  /** print.css's link, relative to out/ (the fonts' stylesheet is the document's own subsets) */
  stylesheets: Pick<AssembleInput, 'printCss'>;
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
  /** its fonts, cut to its characters: written under out/ before it is printed */
  fonts: FontSubsets;
}

export async function renderDocument(inputs: Inputs, timer: StageTimer, opts: RenderOptions) {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  const locale = parseLocale(inputs.layout.locale);
  const { data } = checked;

  // every stage runs even when one fails: the problems of charts, tables and chapters are reported together
  const failed: Diagnostic[] = [];
  const charts = await settled(failed, () => timer.run('render charts', () => renderCharts(checked.charts, data.nodes, locale, checked.theme, opts.cache?.charts ?? new Map(), opts.cache?.advances)));
  const tables = await settled(failed, () => timer.run('render tables', () => renderTables(checked.tables, data.nodes, locale, checked.theme)));
  const numbering = numberPlacements(checked.placements, locale);
  const dataKey = (ch: ChapterSource) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], data);
  const chapters = await settled(failed, () => timer.run('render chapters', () => renderChapters(checked.chapters, data, numbering, locale, opts.cache?.chapters, dataKey)));
  if (failed.length || !charts || !tables || !chapters) throw new BuildError(failed);

  const layout = compileLayout(inputs.layout);
  const body = chapters.filter((ch) => !ch.part);
  const draft: AssembleInput = { edition: data.edition, locale, chapters: body, front: chapters.filter((ch) => ch.part), charts, tables, numbering, inputsHash: inputs.inputsHash, fontCss: [], ...opts.stylesheets };
  // the characters the print can show: the document, its furniture's words (locale) and print.css's generated content
  const fonts = fontSubsets(layout.assemble(draft, opts.pageMap ?? noPageNumbers).html + inputs.layout.locale + inputs.layout.printCss);
  const input: AssembleInput = { ...draft, fontCss: [fonts.css] };
  const doc = await timer.run('assemble', () => layout.assemble(input, opts.pageMap ?? noPageNumbers));
  throwIfErrors(await timer.run('check layout', () => checkRenderedLayout(inputs, input, opts.pageMap ?? noPageNumbers)));
  const printable: PrintableDocument = {
    doc,
    pageMapOf: (printed) => pageMapOf(printed, body[0]?.anchor),
    furnitureCss: (map, firstPage) => layout.furniture(input, map, firstPage),
    withPageMap: (map) => layout.assemble(input, map),
    fonts,
  };
  return { data, locale, chapters, charts, chartSpecs: checked.charts, tables, numbering, printable, warnings: checked.warnings };
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

export type RenderedDocument = Awaited<ReturnType<typeof renderDocument>>;

/**
 * print.css as a link relative to out/. It carries its hash: an open page (watch mode) keeps the
 * document's stylesheets, so an edited print.css must be a new link for the page to load it.
 */
export function stylesheetsFor(project: Project, inputs: Pick<Inputs, 'layout'>): RenderOptions['stylesheets'] {
  const fromOut = (p: string) => relative(project.outDir, p).split('\\').join('/');
  const version = createHash('sha256').update(inputs.layout.printCss).digest('hex').slice(0, 12);
  return { printCss: `${fromOut(join(project.templatesDir, 'print.css'))}?v=${version}` };
}
