/**
 * The authoring loop behind `npm run dev`: watch chapters, data and templates; rebuild on change
 * with one browser kept open and everything that did not change reused; tell the preview.
 * A failed build reports its errors and leaves the last good edition in out/ and on screen.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { build, type BuildResult } from '../build/build.ts';
import type { Effects } from '../core/effects.ts';
import { BuildError, formatDiagnostic, summary } from '../core/errors.ts';
import { fontPackageDir, fontPackages } from '../core/fonts.ts';
import { PrintSession } from '../print/print-session.ts';
import { pageOptions } from '../print/full-printer.ts';
import { defaultTimeoutMs } from '../print/browser.ts';
import type { Project } from '../core/project.ts';
import { readBuildCache, type BuildCache } from '../build/build-cache.ts';
import { proofPrinter } from './proof-printer.ts';
import { startPreviewServer, type PreviewServer } from './preview-server.ts';
import { shownErrors } from './preview-errors.ts';
import { currentEdition } from './current-edition.ts';
import { sourceTag } from '../model/script-conversion.ts';

/** A rebuild's outcome. `proof`: only changed chapters were reprinted (proof.ts); a full print follows when editing pauses. */
export type DevEvent = { kind: 'built'; result: BuildResult; ms: number; changed: string[]; proof: boolean } | { kind: 'failed'; message: string; ms: number; changed: string[] };

export interface DevHandle {
  url: string;
  reportUrl: string;
  /** the web edition (out/site), as deployed */
  siteUrl: string;
  /** resolves with the outcome of the next rebuild for an edit */
  next(): Promise<DevEvent>;
  /** resolves with the full print that replaces proofs (at once when out/ holds no proof) */
  settled(): Promise<DevEvent>;
  close(): Promise<void>;
}

// REPORT_DEV_TRACE=file appends one line per file event and rebuild: for diagnosing the loop
const traceFile = process.env.REPORT_DEV_TRACE;
const trace = (line: string) => traceFile && appendFileSync(traceFile, `${Date.now()} ${line}\n`);

export async function startDev(project: Project, fx: Effects, opts: { port?: number; debounceMs?: number; timeoutMs?: number; settleMs?: number } = {}): Promise<DevHandle> {
  const browser = await fx.launchBrowser({ timeoutMs: opts.timeoutMs });
  const printer = proofPrinter(new PrintSession(browser, pageOptions(project, opts.timeoutMs ?? defaultTimeoutMs)), fx);
  let cache: BuildCache;
  let server: PreviewServer;
  try {
    // the last build's charts and chapters to start from, then kept in memory between rebuilds
    cache = await readBuildCache(project, fx);
    server = await startPreviewServer({
      allowed: [project.outDir, project.templatesDir, ...Object.values(fontPackages).map(fontPackageDir)],
      previewPage: readFileSync(join(project.templatesDir, 'preview.html'), 'utf8').replaceAll('__OUT__', encodeURI(project.outDir)),
      port: opts.port ?? 4321,
      siteDir: join(project.outDir, 'site'),
      templatesDir: project.templatesDir,
    });
  } catch (e) {
    await browser.close(); // a port in use, say: no browser (nor its profile) left behind
    throw e;
  }

  const waiting: ((e: DevEvent) => void)[] = [];
  const settling: ((e: DevEvent) => void)[] = [];
  let queue: Promise<void> = Promise.resolve();
  let busy = false;
  let closed = false;
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** out/ holds a proof: a full print is owed */
  let dirty = false;
  let settleTimer: NodeJS.Timeout | undefined;
  let last: DevEvent | undefined;
  let proofsOffTold = false;
  const settleMs = opts.settleMs ?? 2000;

  /** `settle`: the full print that replaces proofs once editing pauses */
  const rebuild = async (changed: string[], settle = false) => {
    trace(`rebuild ${changed.join(',')}${settle ? ' (settle)' : ''}`);
    const started = fx.clock();
    server.send('building', { changed });
    let event: DevEvent;
    try {
      if (settle) printer.printInFullNext();
      // the source edition only: proofs splice into the last PDF of one edition (npm run build makes zh-Hant)
      const result = await build(project, fx, { printer, cache, timeoutMs: opts.timeoutMs, siteAfterPrint: true, locales: [sourceTag] });
      const proof = result.manifest.proof === true;
      dirty = proof;
      const ms = Math.round(fx.clock() - started);
      fx.log(`${settle ? 'printed in full' : proof ? 'proof of the changed chapters' : 'rebuilt'} ${result.manifest.id} in ${ms} ms (${changed.join(', ') || (settle ? 'editing paused' : 'start')})`);
      if (!proof && !printer.proofsPossible && !proofsOffTold) {
        proofsOffTold = true;
        fx.log('dev: proofs are off, every edit prints in full: the chapters could not be located in the PDF (the contents must link to each chapter)');
      }
      server.send('built', { id: result.manifest.id, pdf: result.manifest.output.pdf.sha256, pages: result.manifest.output.pdf.pages, ms, proof, settle });
      event = { kind: 'built', result, ms, changed, proof };
    } catch (e) {
      const ms = Math.round(fx.clock() - started);
      const message = e instanceof BuildError ? `${e.diagnostics.map(formatDiagnostic).join('\n')}\n\n${summary(e.diagnostics)}` : String((e as Error)?.message ?? e);
      fx.log(`build failed (${changed.join(', ') || (settle ? 'full print' : 'start')}); out/ keeps the last good edition:\n${message}`);
      server.send('failed', { message, errors: shownErrors(e, project.root) });
      event = { kind: 'failed', message, ms, changed };
    }
    last = event;
    if (!settle) waiting.splice(0).forEach((w) => w(event));
    if (!dirty || settle) settling.splice(0).forEach((w) => w(event));
    // while out/ holds a proof the full print stays owed (a failed full print is not retried by itself)
    clearTimeout(settleTimer);
    if (dirty && !closed && !(settle && event.kind === 'failed')) settleTimer = setTimeout(() => enqueue(() => rebuild([], true)), settleMs);
  };

  /** Runs one build at a time: edits that arrive meanwhile are built together when it ends. */
  const enqueue = (job: () => Promise<void>) => {
    queue = queue
      .then(async () => {
        busy = true;
        try {
          await job();
          while (pending.length && !closed) await rebuild([...new Set(pending.splice(0))]);
        } finally {
          busy = false;
        }
      })
      .catch((e) => fx.log(`dev: ${(e as Error)?.message ?? e}`)); // the loop goes on
  };

  const schedule = (path: string) => {
    if (closed) return;
    trace(`event ${path} busy=${busy}`);
    pending.push(path);
    clearTimeout(settleTimer); // still editing: no full print yet
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (busy || closed || !pending.length) return; // a running build picks the changes up when it ends
      enqueue(() => rebuild([...new Set(pending.splice(0))]));
    }, opts.debounceMs ?? 20);
  };

  const current = await currentEdition(project, fx, cache);
  if (current) {
    const { manifest } = current;
    fx.log(`dev: out/ holds the edition of the current inputs (${manifest.id}, inputs ${manifest.inputsHash.slice(0, 12)}): starting from it, no rebuild`);
    server.send('built', { id: manifest.id, pdf: manifest.output.pdf.sha256, pages: manifest.output.pdf.pages, ms: 0, current: true });
    last = { kind: 'built', result: { manifest, warnings: [], timings: {}, reused: [sourceTag] }, ms: 0, changed: [], proof: false };
    // the print page opens the edition in the background, so the first edit is already a proof
    enqueue(() => printer.resume(current.printable, current.pdf, join(project.outDir, 'report.html'), manifest.inputsHash));
  } else {
    const first = new Promise<DevEvent>((resolve) => waiting.push(resolve));
    enqueue(() => rebuild([]));
    await first;
  }

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
    siteUrl: `http://127.0.0.1:${server.port}/site/`,
    next: () => new Promise<DevEvent>((resolve) => waiting.push(resolve)),
    settled: () => (dirty || busy ? new Promise<DevEvent>((resolve) => settling.push(resolve)) : Promise.resolve(last!)),
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      clearTimeout(settleTimer);
      await watcher.close();
      await queue;
      // never leave a proof behind as the edition
      if (dirty) {
        fx.log('dev: printing the edition in full before stopping…');
        await rebuild([], true);
      }
      const stopped: DevEvent = { kind: 'failed', message: 'dev stopped', ms: 0, changed: [] };
      [...waiting.splice(0), ...settling.splice(0)].forEach((w) => w(stopped));
      await printer.close();
      await server.close();
      await browser.close().catch(() => undefined);
    },
  };
}
