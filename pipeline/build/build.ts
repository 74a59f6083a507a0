/**
 * The pipeline, top to bottom: data/*.yaml → out/report.pdf.
 *
 *   read inputs → check → render charts, tables, chapters → assemble (render/render-document.ts)
 *   → print until the contents' numbers hold, finalize (a Printer, print/full-printer.ts)
 *   → manifest and lineage (edition/) → write out/ all at once, under the lock; the web edition
 *   (site/, out/site) is made while the PDF prints.
 *
 * What a build can reuse is read from out/ first: the last edition's page map (the contents'
 * first guess) and the cache of what earlier builds loaded, drew and rendered. The printer is
 * passed in (watch mode's prints proofs, dev/proof-printer.ts); by default the build launches a
 * browser of its own at once, so its start-up overlaps the HTML stages.
 */
import { join } from 'node:path';
import { withLock } from '../core/build-lock.ts';
import { checkOutDir } from '../core/confine.ts';
import type { Effects } from '../core/effects.ts';
import type { Diagnostic } from '../core/errors.ts';
import type { Project } from '../core/project.ts';
import { readInputs } from '../core/read-inputs.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { hashOf } from '../core/cache.ts';
import { BuildError } from '../core/errors.ts';
import { buildLineage } from '../edition/lineage.ts';
import { editionFile, localeRecord, simplifiedInPdf } from '../edition/locale-editions.ts';
import { buildManifest, readLastManifest, type Manifest } from '../edition/manifest.ts';
import { defaultTimeoutMs } from '../print/browser.ts';
import { launchingPrinter, type PrintedEdition, type Printer } from '../print/full-printer.ts';
import { renderEditions, sourceTag, stylesheetsFor, type EditionRendering } from '../render/render-document.ts';
import { buildSite, sitePdf } from '../site/build-site.ts';
import { siteChanges, siteKey } from '../site/site-reuse.ts';
import { readSiteTemplates } from '../site/site-templates.ts';
import { buildCacheFiles, readBuildCache, type BuildCache } from './build-cache.ts';

export interface BuildOptions {
  /** how long the browser may take to start and a print to finish, ms */
  timeoutMs?: number;
  /** warnings fail the build too, before anything is printed or written */
  strict?: boolean;
  signal?: AbortSignal;
  /** prints the edition; default: a full printer with a browser of its own */
  printer?: Printer;
  /** what earlier builds loaded, drew and rendered; default: read from out/.cache */
  cache?: BuildCache;
  /** make the web edition after the print, and not for a proof (watch mode: proofs stay fast); default: while printing */
  siteAfterPrint?: boolean;
  /** build only these locales' editions (zh-Hans, zh-Hant); default: every locale */
  locales?: string[];
}

export interface BuildResult {
  manifest: Manifest;
  warnings: Diagnostic[];
  timings: Record<string, number>;
}

export async function build(project: Project, fx: Effects, opts: BuildOptions = {}): Promise<BuildResult> {
  const timer = new StageTimer(fx, opts.signal);
  const printer = opts.printer ?? launchingPrinter(project, fx, opts.timeoutMs ?? defaultTimeoutMs);
  try {
    await checkOutDir(project.root, project.outDir);
    const inputs = await timer.run('read inputs', () => readInputs(project, fx));
    const cache = opts.cache ?? (await readBuildCache(project, fx));
    const last = await readLastManifest(project, fx);
    const renderings = await renderEditions(inputs, timer, { strict: opts.strict, stylesheets: (tag) => stylesheetsFor(project, inputs, tag), cache, pageMaps: last.pageMap, only: opts.locales });
    const editions = [await renderings[0].render()];
    const { data, locale, chapters, charts, chartSpecs, tables, numbering, warnings } = editions[0];
    const isSource = editions[0].tag === sourceTag; // the source edition is in this build: the web edition, charts/ and edition.json are its
    const siteTemplates = isSource ? await readSiteTemplates(project, fx) : undefined;

    return await withLock(join(project.outDir, '.build.lock'), fx, async () => {
      const otherPdfs = renderings.slice(1).map((r) => ({ tag: r.tag, file: editionFile(r.tag, sourceTag, 'pdf') }));
      const reuse = siteTemplates && { dir: join(project.outDir, 'site'), key: siteKey(hashOf([inputs.inputsHash, ...otherPdfs.map((p) => p.tag)]), siteTemplates.hash), cache: cache.site, readFile: fx.readFile };
      // the source edition's only; made only when its inputs changed, and only its changed files written (site/site-reuse.ts)
      const makeSite = () => (siteTemplates && reuse ? timer.run('site', () => siteChanges(reuse, () => buildSite({ edition: data.edition, locale, nodes: data.nodes, chapters, charts, chartSpecs, tables, numbering, otherPdfs }, siteTemplates, cache.script))) : Promise.resolve(undefined));
      const siteWhilePrinting = opts.siteAfterPrint ? undefined : makeSite(); // the web edition is made while the PDF prints
      siteWhilePrinting?.catch(() => undefined); // (its failure is reported below, after the print)
      // one browser prints every edition, one after another; the next edition renders while the last prints
      const printed: PrintedEdition[] = [];
      for (let i = 0; i < renderings.length; i++) {
        const e = editions[i];
        const printing = printer.print(e.printable, { project, metadata: { ...e.data.edition, language: e.pdfLang }, documentId: e.tag === sourceTag ? inputs.inputsHash : hashOf([inputs.inputsHash, e.tag]), timer, signal: opts.signal });
        printing.catch(() => undefined); // (awaited below, after the next edition's render)
        if (i + 1 < renderings.length) editions.push(await renderings[i + 1].render());
        printed.push(await printing);
      }
      await timer.run('check editions', () => checkConverted(editions, printed));
      const site = (await siteWhilePrinting) ?? (printed[0].proof ? undefined : await makeSite());
      const lineage = buildLineage(chapters, charts, tables, numbering);
      const locales = Object.fromEntries(editions.map((e, i) => [e.tag, localeRecord(e.tag, sourceTag, e.pdfLang, printed[i])]));
      const manifest = { ...buildManifest({ edition: data.edition, inputs, printed: printed[0], lineage, charts, nodes: data.nodes, range: data.vocabulary.range, timings: timer.timings }), locales: { ...last.localesOf(inputs.inputsHash), ...locales } };
      opts.signal?.throwIfAborted();
      await timer.run('write', () =>
        fx.writeFiles([
          ...(isSource ? charts.filter((c) => c.svg).map((c) => ({ path: join(project.outDir, 'charts', `${c.id}.svg`), bytes: c.svg })) : []), // a callout has no SVG
          ...buildCacheFiles(project, cache, inputs),
          ...editions.flatMap((e, i) => [
            { path: join(project.outDir, editionFile(e.tag, sourceTag, 'html')), bytes: printed[i].doc.html },
            { path: join(project.outDir, editionFile(e.tag, sourceTag, 'pdf')), bytes: printed[i].pdf },
          ]),
          // edition.json describes the source edition: a build of another locale alone leaves it as it is
          ...(isSource ? [{ path: join(project.outDir, 'edition.json'), bytes: JSON.stringify(manifest, null, 2) + '\n' }] : []),
          ...(site ? [...site, ...editions.map((e, i) => ({ path: e.tag === sourceTag ? sitePdf : editionFile(e.tag, sourceTag, 'pdf'), bytes: printed[i].pdf }))] : []).map((f) => ({ path: join(project.outDir, 'site', f.path), bytes: f.bytes })),
        ]),
      );
      return { manifest, warnings: [...warnings, ...editions.flatMap((e) => e.localeWarnings)], timings: timer.timings };
    });
  } finally {
    if (!opts.printer) await printer.close();
  }
}

/** A converted edition's PDF with Simplified text left fails the build before anything is written. */
async function checkConverted(editions: EditionRendering[], printed: PrintedEdition[]): Promise<void> {
  const found = (await Promise.all(editions.map((e, i) => (e.edition ? simplifiedInPdf(printed[i].pdf, `out/${editionFile(e.tag, sourceTag, 'pdf')}`, e.conversion) : [])))).flat();
  if (found.length) throw new BuildError(found);
}
