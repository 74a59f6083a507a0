/**
 * The authoring loop behind `npm run dev`: watch chapters, data and templates; rebuild on change
 * with one browser kept open and everything that did not change reused; tell the preview.
 * A failed build reports its errors and leaves the last good edition in out/ and on screen.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { build, type BuildResult } from './build.ts';
import type { Effects } from './effects.ts';
import { BuildError, formatDiagnostic, summary } from './errors.ts';
import { fontPackageDir, fontPackages } from './fonts.ts';
import { PrintSession } from './print-pdf.ts';
import type { Project } from './project.ts';
import type { ChartCache } from './render-charts.ts';
import type { ChapterCache } from './render-chapters.ts';
import { startPreviewServer, type PreviewServer } from './dev-server.ts';

export type DevEvent = { kind: 'built'; result: BuildResult; ms: number; changed: string[] } | { kind: 'failed'; message: string; ms: number; changed: string[] };

export interface DevHandle {
  url: string;
  reportUrl: string;
  /** resolves with the next rebuild's outcome */
  next(): Promise<DevEvent>;
  close(): Promise<void>;
}

// REPORT_DEV_TRACE=file appends one line per file event and rebuild: for diagnosing the loop
const traceFile = process.env.REPORT_DEV_TRACE;
const trace = (line: string) => traceFile && appendFileSync(traceFile, `${Date.now()} ${line}\n`);

export async function startDev(project: Project, fx: Effects, opts: { port?: number; debounceMs?: number; timeoutMs?: number } = {}): Promise<DevHandle> {
  const browser = await fx.launchBrowser();
  const session = new PrintSession(browser);
  const chartCache: ChartCache = new Map();
  const chapterCache: ChapterCache = new Map();
  const server: PreviewServer = await startPreviewServer({
    allowed: [project.outDir, project.templatesDir, ...Object.values(fontPackages).map(fontPackageDir)],
    previewPage: readFileSync(join(project.templatesDir, 'preview.html'), 'utf8').replaceAll('__OUT__', encodeURI(project.outDir)),
    port: opts.port ?? 4321,
  });

  const waiting: ((e: DevEvent) => void)[] = [];
  const emit = (e: DevEvent) => waiting.splice(0).forEach((w) => w(e));
  let running: Promise<void> | undefined;
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (changed: string[]) => {
    trace(`rebuild ${changed.join(',')}`);
    const started = fx.clock();
    server.send('building', { changed });
    try {
      const result = await build(project, fx, { session, chartCache, chapterCache, timeoutMs: opts.timeoutMs });
      const ms = Math.round(fx.clock() - started);
      fx.log(`rebuilt ${result.manifest.id} in ${ms} ms (${changed.join(', ') || 'start'})`);
      server.send('built', { id: result.manifest.id, pages: result.manifest.output.pdf.pages, ms });
      emit({ kind: 'built', result, ms, changed });
    } catch (e) {
      const ms = Math.round(fx.clock() - started);
      const message = e instanceof BuildError ? `${e.diagnostics.map(formatDiagnostic).join('\n')}\n\n${summary(e.diagnostics)}` : String((e as Error)?.message ?? e);
      fx.log(`build failed (${changed.join(', ')}); out/ keeps the last good edition:\n${message}`);
      server.send('failed', { message });
      emit({ kind: 'failed', message, ms, changed });
    }
  };

  const schedule = (path: string) => {
    trace(`event ${path} running=${!!running}`);
    pending.push(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return; // the running build picks the changes up when it ends
      const loop = async () => {
        while (pending.length) {
          const changed = [...new Set(pending.splice(0))];
          await rebuild(changed);
        }
        running = undefined;
      };
      running = loop();
    }, opts.debounceMs ?? 20);
  };

  const first = new Promise<DevEvent>((resolve) => waiting.push(resolve));
  running = rebuild([]).then(() => {
    running = undefined;
    if (pending.length) schedule(pending.pop()!);
  });
  await first;

  // awaitWriteFinish: an editor's save can arrive as several writes; build once it has settled
  const watcher: FSWatcher = watch([project.dataDir, project.chaptersDir, project.templatesDir, project.chartsDir, project.tablesDir], {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 25, pollInterval: 10 },
  });
  watcher.on('all', (_event, path) => schedule(path));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    url: `http://127.0.0.1:${server.port}/`,
    reportUrl: `http://127.0.0.1:${server.port}${encodeURI(project.outDir)}/report.pdf`,
    next: () => new Promise<DevEvent>((resolve) => waiting.push(resolve)),
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running?.catch(() => undefined);
      await session.close();
      await server.close();
      await browser.close().catch(() => undefined);
    },
  };
}
