/**
 * The pipeline, top to bottom: data/*.yaml → out/report.pdf.
 *
 *   read inputs → check (load data, parse chapters, load chart/table specs, check every binding)
 *   → render charts → render tables → render chapters → assemble HTML → print PDF (until the
 *   contents' page numbers are right) → finalize PDF (metadata, reproducible bytes) → write.
 *
 * The browser is launched first, so its start-up overlaps the HTML stages. What a build learns that the next
 * can reuse is read from out/ at the start: loaded data files, drawn charts and rendered
 * chapters by hash (build-cache.ts), and the page map. In watch mode an edit inside chapters
 * reprints only what changed (proof.ts).
 */
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { compileLayout, type AssembleInput } from '../render/assemble.ts';
import { buildCacheFiles, readBuildCache, type BuildCache } from './build-cache.ts';
import { checkInputs } from '../check/check-inputs.ts';
import type { Effects } from '../core/effects.ts';
import { finalizePdf } from '../print/finalize-pdf.ts';
import { fontCssFiles, fontPackageDir, fontPackages } from '../core/fonts.ts';
import { buildLineage } from '../edition/lineage.ts';
import { parseLocale } from '../model/locale.ts';
import { withLock } from '../core/build-lock.ts';
import { buildManifest, readManifest } from '../edition/manifest.ts';
import { factsOf, type PdfFacts } from '../print/pdf-facts.ts';
import { PrintSession, type PageJob, type PageMap } from '../print/print-session.ts';
import { afterProof, proofBaseOf, proofDocument, proofPlan, samePlaces, type ProofBase, type ProofPart } from '../dev/proof-plan.ts';
import { openPdf, savePdf, splicePages } from '../print/pdf-file.ts';
import type { PDFDocument } from 'pdf-lib';
import type { Project } from '../core/project.ts';
import { readInputs, type Inputs } from '../core/read-inputs.ts';
import { renderCharts } from '../render/render-charts.ts';
import { dataKeyOf, numberPlacements, renderChapters } from '../render/render-chapters.ts';
import type { ChapterSource } from '../check/parse-chapter.ts';
import { renderTables } from '../render/render-tables.ts';
import { StageTimer } from '../core/stage-timer.ts';
import type { Diagnostic } from '../core/errors.ts';
import type { Manifest } from '../edition/manifest.ts';

export interface BuildOptions {
  timeoutMs?: number;
  /** warnings fail the build too, before anything is printed or written */
  strict?: boolean;
  signal?: AbortSignal;
  /** watch mode: an open page that prints build after build */
  session?: PrintSession;
  /** watch mode: loaded data, drawn charts, rendered chapters and text advances kept in memory (else read from out/.cache) */
  cache?: BuildCache;
  /** watch mode: the last print, for printing only changed chapters (proof.ts) */
  proofBase?: ProofBase;
  producer?: string;
}

export interface BuildResult {
  manifest: Manifest;
  warnings: Diagnostic[];
  timings: Record<string, number>;
  /** what the next build in watch mode may print a proof against */
  proofBase?: ProofBase;
}

export async function build(project: Project, fx: Effects, opts: BuildOptions = {}): Promise<BuildResult> {
  const timer = new StageTimer(fx, opts.signal);
  const browserReady = opts.session ? undefined : fx.launchBrowser({ timeoutMs: opts.timeoutMs });
  browserReady?.catch(() => undefined); // reported where it is awaited
  const pageJob = {
    allowedRoots: [project.root, project.outDir, ...Object.values(fontPackages).map(fontPackageDir), dirname(project.templatesDir)],
    timeoutMs: opts.timeoutMs ?? 60_000,
  };
  try {
    const inputs = await timer.run('read inputs', () => readInputs(project, fx));
    // what the last build drew and rendered (the watcher keeps its own in memory), and its page numbers
    const cache: BuildCache = opts.cache ?? (await readBuildCache(project, fx));
    const pageMap = await readLastPageMap(project, fx);
    const doc = await renderDocument(inputs, timer, { strict: opts.strict, stylesheets: stylesheetsFor(project, inputs), cache, pageMap });
    const { data, chapters, charts, tables, numbering, layout, base } = doc;

    // watch mode: reprint only the blocks that changed, when no heading and nothing around them did (proof.ts)
    const plan = opts.proofBase && proofPlan(opts.proofBase, doc.assembled, inputs.inputsHash);

    return await withLock(join(project.outDir, '.build.lock'), fx, async () => {
      const session = opts.session ?? new PrintSession(await timer.run('launch browser', () => browserReady!));
      const furnitureFrom = (startPage: number) => layout.furniture({ ...base, ...doc.pageMap, proofStartPage: startPage });
      const proof = plan && (await timer.run('print proof', () => printProof(session, { ...pageJob, htmlFile: join(project.outDir, 'report.html') }, doc.assembled.html, opts.proofBase!, plan, furnitureFrom, opts.signal)));
      const printed = proof ?? (await printInFull(project, fx, timer, session, pageJob, doc, opts.signal));
      const pdf = printed.pdf ?? (await timer.run('finalize pdf', () => finalizePdf(printed.doc, data.edition, { producer: opts.producer ?? 'report pipeline', documentId: inputs.inputsHash })));
      const final = proof ? doc.assembled : layout.assemble({ ...base, ...printed.pageMap });

      const lineage = buildLineage(chapters, charts, tables, numbering);
      const manifest = buildManifest({ edition: data.edition, inputs, pdf, pageCount: printed.pageCount, pageMap: printed.pageMap, passes: printed.passes, probes: printed.probes, lineage, charts, nodes: data.nodes, timings: timer.timings });
      opts.signal?.throwIfAborted();
      await timer.run('write', () =>
        fx.writeFiles([
          ...charts.map((c) => ({ path: join(project.outDir, 'charts', `${c.id}.svg`), bytes: c.svg })),
          ...buildCacheFiles(project, cache, inputs),
          { path: join(project.outDir, 'report.html'), bytes: final.html },
          { path: join(project.outDir, 'edition.json'), bytes: JSON.stringify(manifest, null, 2) + '\n' },
          { path: join(project.outDir, 'report.pdf'), bytes: pdf },
        ]),
      );
      // watch mode: the open PDF is what the next edit's proof splices into
      const proofBase = !opts.session ? undefined : proof ? afterProof(opts.proofBase!, doc.assembled, inputs.inputsHash) : printed.facts && proofBaseOf(final, printed.doc, inputs.inputsHash, printed.facts, printed.pageMap, chapters.map((c) => c.anchor));
      return { manifest, warnings: doc.warnings, timings: timer.timings, proofBase };
    });
  } finally {
    // closing the browser closes its page too
    await browserReady?.then((b) => b.close()).catch(() => undefined);
  }
}

export interface RenderOptions {
  strict?: boolean;
  /** stylesheet links, relative to out/ */
  stylesheets: Stylesheets;
  /** what earlier builds loaded, drew and rendered (build-cache.ts) */
  cache?: BuildCache;
  /** the page numbers the contents start from: the last edition's, or none */
  pageMap?: PageMap;
}

/**
 * The HTML stages, pure and browserless: check → render charts → render tables → render
 * chapters → assemble. The document is assembled with `pageMap`'s page numbers; printing finds
 * the true ones.
 */
export async function renderDocument(inputs: Inputs, timer: StageTimer, opts: RenderOptions) {
  const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict, cache: opts.cache }));
  const locale = parseLocale(inputs.layout.locale);
  const { data } = checked;

  const charts = await timer.run('render charts', () => renderCharts(checked.charts, data.nodes, locale, opts.cache?.charts ?? new Map(), opts.cache?.advances));
  const tables = await timer.run('render tables', () => renderTables(checked.tables, data.nodes, locale));
  const numbering = numberPlacements(checked.placements, locale);
  const dataKey = (ch: ChapterSource) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], data);
  const chapters = await timer.run('render chapters', () => renderChapters(checked.chapters, data, numbering, locale, opts.cache?.chapters, dataKey));

  const layout = compileLayout(inputs.layout);
  const base: AssembleInput = {
    edition: data.edition,
    locale,
    chapters,
    charts,
    tables,
    numbering,
    inputsHash: inputs.inputsHash,
    ...opts.stylesheets,
  };
  const pageMap = opts.pageMap ?? { tocPages: {}, totalPages: 0 };
  const assembled = await timer.run('assemble', () => layout.assemble({ ...base, ...pageMap }));
  return { data, chapters, charts, tables, numbering, layout, base, pageMap, assembled, warnings: checked.warnings };
}

export type RenderedDocument = Awaited<ReturnType<typeof renderDocument>>;

/**
 * The document's stylesheets (the fonts' and print.css) as links relative to out/. print.css
 * carries its hash: an open page (watch mode) keeps the document's stylesheets, so an edited
 * print.css must be a new link for the page to load it.
 */
export function stylesheetsFor(project: Project, inputs: Pick<Inputs, 'layout'>): Stylesheets {
  const fromOut = (p: string) => relative(project.outDir, p).split('\\').join('/');
  return { fontCss: fontCssFiles().map(fromOut), printCss: `${fromOut(join(project.templatesDir, 'print.css'))}?v=${sha256(inputs.layout.printCss).slice(0, 12)}` };
}

type Stylesheets = Pick<AssembleInput, 'fontCss' | 'printCss'>;

/** The whole document printed until its contents' page numbers hold (print-pdf.ts). */
async function printInFull(project: Project, fx: Effects, timer: StageTimer, session: PrintSession, pageJob: Omit<PageJob, 'htmlFile'>, doc: RenderedDocument, signal?: AbortSignal) {
  const printFile = join(project.outDir, `.print-${process.pid}.html`);
  await fx.writeFiles([{ path: printFile, bytes: doc.assembled.html }]);
  try {
    const printed = await timer.run('print', () =>
      session.print(
        {
          ...pageJob,
          htmlFile: printFile,
          assumed: doc.pageMap,
          pageMapOf: (facts) => pageMapOf(facts, doc.chapters[0]?.anchor),
          furnitureCss: (map) => doc.layout.furniture({ ...doc.base, ...map }),
        },
        doc.assembled.html,
        signal,
      ),
    );
    return { ...printed, pdf: undefined, pageCount: printed.facts.pageCount };
  } finally {
    await fx.remove(printFile);
  }
}

/**
 * Each changed block (front matter, a chapter, back matter) printed alone and spliced into the
 * last PDF; undefined (print in full instead) when a block's page count changed or no page is open.
 */
async function printProof(session: PrintSession, job: PageJob, documentHtml: string, base: ProofBase, parts: ProofPart[], furnitureCss: (startPage: number) => string, signal?: AbortSignal) {
  const printed: PDFDocument[] = [];
  for (const part of parts) {
    const pdf = await session.printBody(job, documentHtml, proofDocument(part), furnitureCss(part.firstPage), signal);
    if (!pdf) return undefined;
    printed.push(await openPdf(pdf));
  }
  // all or nothing: the base is only changed when every block kept its pages and its anchors' places
  if (printed.some((p, i) => p.getPageCount() !== parts[i].count || !samePlaces(parts[i], factsOf(p).destinations))) return undefined;
  for (const [i, p] of printed.entries()) await splicePages(base.doc, p, parts[i].start);
  return { pdf: await savePdf(base.doc, false), doc: base.doc, facts: undefined, pageCount: base.pageCount, pageMap: base.pageMap, passes: 0, probes: 0 };
}

/**
 * Printed page numbers from where the print put each anchor. Chapter pages count from 1 (cover
 * and front matter do not advance the counter): a page number is its index minus the index of
 * the first chapter page, plus one.
 */
export function pageMapOf(facts: PdfFacts, firstChapterAnchor: string | undefined): PageMap {
  const first = (firstChapterAnchor && facts.destinations.get(firstChapterAnchor)) || 0;
  const tocPages: Record<string, string> = {};
  for (const [id, index] of [...facts.destinations].sort(([a], [b]) => a.localeCompare(b))) tocPages[id] = String(index - first + 1);
  return { tocPages, totalPages: facts.pageCount - first };
}

/** The last edition's page map: the best first guess for this build's contents page numbers. */
async function readLastPageMap(project: Project, fx: Effects): Promise<PageMap | undefined> {
  const last = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
  return last.ok ? last.manifest.pageMap : undefined; // no previous edition, or one this pipeline cannot read: start from blanks
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
