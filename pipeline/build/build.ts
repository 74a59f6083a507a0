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
import { buildLineage } from '../edition/lineage.ts';
import { buildManifest, readLastPageMap, type Manifest } from '../edition/manifest.ts';
import { defaultTimeoutMs } from '../print/browser.ts';
import { launchingPrinter, type Printer } from '../print/full-printer.ts';
import { renderDocument, stylesheetsFor } from '../render/render-document.ts';
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
    const pageMap = await readLastPageMap(project, fx);
    const { data, locale, chapters, charts, chartSpecs, tables, numbering, printable, warnings } = await renderDocument(inputs, timer, { strict: opts.strict, stylesheets: stylesheetsFor(project, inputs), cache, pageMap });

    const siteTemplates = await readSiteTemplates(project, fx);

    return await withLock(join(project.outDir, '.build.lock'), fx, async () => {
      const reuse = { dir: join(project.outDir, 'site'), key: siteKey(inputs.inputsHash, siteTemplates.hash), cache: cache.site, readFile: fx.readFile };
      // made only when its inputs changed, and only its changed files written (site/site-reuse.ts)
      const makeSite = () => timer.run('site', () => siteChanges(reuse, () => buildSite({ edition: data.edition, locale, nodes: data.nodes, chapters, charts, chartSpecs, tables, numbering }, siteTemplates, cache.script)));
      const siteWhilePrinting = opts.siteAfterPrint ? undefined : makeSite(); // the web edition is made while the PDF prints
      siteWhilePrinting?.catch(() => undefined); // (its failure is reported below, after the print)
      const printed = await printer.print(printable, { project, metadata: data.edition, documentId: inputs.inputsHash, timer, signal: opts.signal });
      const site = (await siteWhilePrinting) ?? (printed.proof ? undefined : await makeSite());
      const lineage = buildLineage(chapters, charts, tables, numbering);
      const manifest = buildManifest({ edition: data.edition, inputs, printed, lineage, charts, nodes: data.nodes, range: data.vocabulary.range, timings: timer.timings });
      opts.signal?.throwIfAborted();
      await timer.run('write', () =>
        fx.writeFiles([
          ...charts.filter((c) => c.svg).map((c) => ({ path: join(project.outDir, 'charts', `${c.id}.svg`), bytes: c.svg })), // a callout has no SVG
          ...buildCacheFiles(project, cache, inputs),
          { path: join(project.outDir, 'report.html'), bytes: printed.doc.html },
          { path: join(project.outDir, 'edition.json'), bytes: JSON.stringify(manifest, null, 2) + '\n' },
          { path: join(project.outDir, 'report.pdf'), bytes: printed.pdf },
          ...(site ? [...site, { path: sitePdf, bytes: printed.pdf }] : []).map((f) => ({ path: join(project.outDir, 'site', f.path), bytes: f.bytes })),
        ]),
      );
      return { manifest, warnings, timings: timer.timings };
    });
  } finally {
    if (!opts.printer) await printer.close();
  }
}
