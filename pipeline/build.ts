/**
 * The pipeline, top to bottom: data/*.yaml → out/report.pdf.
 *
 *   read inputs → check (load data, parse chapters, load chart/table specs, check every binding)
 *   → render charts → render tables → render chapters → assemble HTML → print PDF (until the
 *   contents' page numbers are right) → finalize PDF (metadata, reproducible bytes) → write.
 *
 * The browser is launched first, so its start-up overlaps the HTML stages. What a build learns
 * that the next can reuse (drawn charts, the page map) is read from out/ at the start.
 */
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { compileLayout, type AssembleInput } from './assemble.ts';
import { checkInputs } from './check.ts';
import type { Effects } from './effects.ts';
import { finalizePdf } from './finalize-pdf.ts';
import { fontCssFiles, fontPackageDir, fontPackages } from './fonts.ts';
import { buildLineage } from './lineage.ts';
import { parseLocale } from './locale.ts';
import { withLock } from './lock.ts';
import { buildManifest } from './manifest.ts';
import type { PdfFacts } from './pdf-destinations.ts';
import { PrintSession, type PageMap } from './print-pdf.ts';
import type { Project } from './project.ts';
import { readInputs } from './read-inputs.ts';
import { renderCharts, type ChartCache, type RenderedChart } from './render-charts.ts';
import { dataKeyOf, numberPlacements, renderChapters, type ChapterCache } from './render-chapters.ts';
import type { ChapterSource } from './parse-chapter.ts';
import { renderTables } from './render-tables.ts';
import { StageTimer } from './stage-timer.ts';
import type { Diagnostic } from './errors.ts';
import type { Manifest } from './manifest.ts';

export interface BuildOptions {
  timeoutMs?: number;
  /** warnings fail the build too, before anything is printed or written */
  strict?: boolean;
  signal?: AbortSignal;
  /** watch mode: an open page that prints build after build, and charts kept in memory */
  session?: PrintSession;
  chartCache?: ChartCache;
  chapterCache?: ChapterCache;
  producer?: string;
}

export interface BuildResult {
  manifest: Manifest;
  warnings: Diagnostic[];
  timings: Record<string, number>;
}

export async function build(project: Project, fx: Effects, opts: BuildOptions = {}): Promise<BuildResult> {
  const timer = new StageTimer(fx, opts.signal);
  const browserReady = opts.session ? undefined : fx.launchBrowser({ timeoutMs: opts.timeoutMs });
  browserReady?.catch(() => undefined); // reported where it is awaited
  try {
    const inputs = await timer.run('read inputs', () => readInputs(project, fx));
    const checked = await timer.run('check', () => checkInputs(inputs, { strict: opts.strict }));
    const locale = parseLocale(inputs.layout.locale);
    const { data } = checked;
    const previous = await readPrevious(project, fx, !opts.chartCache);

    const charts = await timer.run('render charts', () => renderCharts(checked.charts, data.nodes, locale, opts.chartCache ?? previous.charts ?? new Map()));
    const tables = await timer.run('render tables', () => renderTables(checked.tables, data.nodes, locale));
    const numbering = numberPlacements(checked.placements, locale);
    const dataKey = (ch: ChapterSource) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], data);
    const chapters = await timer.run('render chapters', () => renderChapters(checked.chapters, data, numbering, locale, opts.chapterCache, dataKey));

    const layout = compileLayout(inputs.layout);
    const fromOut = (p: string) => relative(project.outDir, p).split('\\').join('/');
    const base: AssembleInput = {
      edition: data.edition,
      locale,
      chapters,
      charts,
      tables,
      numbering,
      inputsHash: inputs.inputsHash,
      fontCss: fontCssFiles().map(fromOut),
      printCss: fromOut(join(project.templatesDir, 'print.css')),
    };
    const assumed = previous.pageMap ?? { tocPages: {}, totalPages: 0 };
    const draftHtml = await timer.run('assemble', () => layout.document({ ...base, ...assumed }));

    return await withLock(join(project.outDir, '.build.lock'), fx, async () => {
      const printFile = join(project.outDir, `.print-${process.pid}.html`);
      await fx.writeFiles([{ path: printFile, bytes: draftHtml }]);
      try {
        const session = opts.session ?? new PrintSession(await timer.run('launch browser', () => browserReady!));
        const printed = await timer.run('print', () =>
          session.print(
            {
              htmlFile: printFile,
              allowedRoots: [project.root, project.outDir, ...Object.values(fontPackages).map(fontPackageDir), dirname(project.templatesDir)],
              timeoutMs: opts.timeoutMs ?? 60_000,
              assumed,
              pageMapOf: (facts) => pageMapOf(facts, chapters[0]?.anchor),
              furnitureCss: (map) => layout.furniture({ ...base, ...map }),
            },
            draftHtml,
            opts.signal,
          ),
        ).finally(() => (opts.session ? undefined : session.close()));
        const finalHtml = layout.document({ ...base, ...printed.pageMap });
        const pdf = await timer.run('finalize pdf', () => finalizePdf(printed.doc, data.edition, { producer: opts.producer ?? 'report pipeline', documentId: inputs.inputsHash }));

        const lineage = buildLineage(chapters, charts, tables, numbering);
        const manifest = buildManifest({ edition: data.edition, inputs, pdf, pageCount: printed.facts.pageCount, pageMap: printed.pageMap, passes: printed.passes, lineage, charts, nodes: data.nodes, timings: timer.timings });
        opts.signal?.throwIfAborted();
        await timer.run('write', () =>
          fx.writeFiles([
            ...charts.map((c) => ({ path: join(project.outDir, 'charts', `${c.id}.svg`), bytes: c.svg })),
            { path: join(project.outDir, '.cache', 'charts.json'), bytes: JSON.stringify(charts) },
            { path: join(project.outDir, 'report.html'), bytes: finalHtml },
            { path: join(project.outDir, 'edition.json'), bytes: JSON.stringify(manifest, null, 2) + '\n' },
            { path: join(project.outDir, 'report.pdf'), bytes: pdf },
          ]),
        );
        return { manifest, warnings: checked.warnings, timings: timer.timings };
      } finally {
        await fx.remove(printFile);
      }
    });
  } finally {
    await browserReady?.then((b) => b.close()).catch(() => undefined);
  }
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

/** The last edition's drawn charts and page map, the best first guess for this build. */
async function readPrevious(project: Project, fx: Effects, withCharts: boolean): Promise<{ charts?: ChartCache; pageMap?: PageMap }> {
  const json = async <T>(path: string): Promise<T | undefined> => {
    try {
      return JSON.parse(new TextDecoder().decode(await fx.readFile(path))) as T;
    } catch {
      return undefined; // no previous edition, or an unreadable one: start from scratch
    }
  };
  // the watcher keeps drawn charts in memory: only a one-off build reads them back from out/
  const charts = withCharts ? ((await json<RenderedChart[]>(join(project.outDir, '.cache', 'charts.json'))) ?? []) : undefined;
  const manifest = await json<Manifest>(join(project.outDir, 'edition.json'));
  return { charts: charts && new Map(charts.map((c) => [c.hash, c])), pageMap: manifest?.pageMap };
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
