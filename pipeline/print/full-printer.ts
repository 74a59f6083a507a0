/**
 * Printing an edition: the stage build() hands the assembled document to. A `Printer` takes the
 * document and returns the PDF as a file, its page map and the document as printed. The full
 * printer prints the whole document until its contents' numbers hold, then finalizes the PDF
 * (metadata, reproducible bytes); watch mode's proof printer (dev/proof-printer.ts) is another.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BuildError, diag, type Diagnostic } from '../core/errors.ts';
import type { OverWide } from './page-width.ts';
import { onHardStop } from '../core/hard-stop.ts';
import { removeStale } from '../core/stale-files.ts';
import type { Browser } from 'puppeteer';
import type { Effects } from '../core/effects.ts';
import { fontPackageDir, fontPackages, tcFontPackages } from '../core/fonts.ts';
import { repoRoot, type Project } from '../core/project.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import type { AssembledDocument } from '../render/assemble.ts';
import type { PageMap } from '../render/page-map.ts';
import type { PrintableDocument } from '../render/render-document.ts';
import { finalizePdf, type PdfMetadata } from './finalize-pdf.ts';
import type { Printed } from './page-numbers.ts';
import { PrintSession, type PageOptions } from './print-session.ts';

export interface PrintedEdition {
  /** the PDF as a file */
  pdf: Uint8Array;
  pageCount: number;
  pageMap: PageMap;
  /** the document as printed, with its true page numbers */
  doc: AssembledDocument;
  /** full prints, and layout probes before them */
  passes: number;
  probes: number;
  /** only changed chapters were reprinted into the last PDF (watch mode); a full print replaces it */
  proof: boolean;
}

export interface PrintContext {
  project: Project;
  metadata: PdfMetadata;
  /** the PDF's file ID: the edition's input hash */
  documentId: string;
  timer: StageTimer;
  signal?: AbortSignal;
  /** another locale's edition (zh-Hant): its print file is named for it (an error names report.zh-Hant.html) */
  variant?: string;
  /** called when the browser has the document loaded and prints it (Node's thread is free for other work until the PDF is back); a printer may never call it */
  printing?: () => void;
}

export interface Printer {
  print(printable: PrintableDocument, ctx: PrintContext): Promise<PrintedEdition>;
  /** closes what the printer opened (its browser) */
  close(): Promise<void>;
}

/**
 * The PDF's Creator and Producer, the software that made it (review 33 #5.7: Producer named the
 * publisher, Creator an internal build name): Chromium, which laid the document out and printed it,
 * and the libraries that wrote the file, Chromium's Skia PDF back end and pdf-lib, which finalizes it.
 */
const pdfLib = JSON.parse(readFileSync(join(repoRoot, 'node_modules/pdf-lib/package.json'), 'utf8')) as { version: string };
export function pdfSoftware(browserVersion: string): { creator: string; producer: string } {
  const version = /[\d.]+$/.exec(browserVersion)?.[0] ?? '';
  return { creator: `Chromium ${version}`.trim(), producer: `Skia/PDF m${version.split('.')[0]}; pdf-lib ${pdfLib.version}` };
}

/** The folders the print page may load from: the project (templates, out/) and the npm font packages. */
export function pageOptions(project: Project, timeoutMs: number): PageOptions {
  return { allowedRoots: [project.root, project.outDir, project.templatesDir, ...[...Object.values(fontPackages), ...Object.values(tcFontPackages)].map(fontPackageDir)], timeoutMs };
}

/**
 * A printer with a browser of its own, launched at once (so its start-up overlaps the HTML
 * stages that run before the first print) and closed by close(). Its editions print one after
 * the other on one page: two pages printing at once gave other bytes (a page another tab puts in
 * the background, or one in a window of its own, prints with fewer clip paths), and the bytes
 * must not depend on speed.
 */
export function launchingPrinter(project: Project, fx: Pick<Effects, 'launchBrowser' | 'writeFiles' | 'remove' | 'readFile'>, timeoutMs: number): Printer {
  const browser = fx.launchBrowser({ timeoutMs });
  browser.catch(() => undefined); // reported where it is awaited
  let session: PrintSession | undefined;
  return {
    async print(printable, ctx) {
      session ??= new PrintSession(await ctx.timer.run('launch browser', () => browser), pageOptions(project, timeoutMs));
      return (await printInFull(session, printable, ctx, fx)).edition;
    },
    async close() {
      // closing the browser closes its page too
      await browser.then((b: Browser) => b.close()).catch(() => undefined);
    },
  };
}

/** The whole document printed on a session until its contents' numbers hold, and finalized; `printed` is the open PDF before finalizing. */
export async function printInFull(session: PrintSession, printable: PrintableDocument, ctx: PrintContext, fx: Pick<Effects, 'writeFiles' | 'remove' | 'readFile'>): Promise<{ edition: PrintedEdition; printed: Printed }> {
  // the page loads the document from a file:// URL next to the edition (so its relative links resolve)
  const printFile = join(ctx.project.outDir, `.print-${process.pid}${ctx.variant ? `.${ctx.variant}` : ''}.html`);
  removeStale(ctx.project.outDir, /^\.print-(\d+)(\.[\w-]+)?\.html$/); // a crashed run's print file
  const stopNow = onHardStop(() => rmSync(printFile, { force: true }));
  // the fonts' subsets stay next to the edition: report.html links them too
  await fx.writeFiles([{ path: printFile, bytes: printable.doc.html }, ...(await fontFilesToWrite(printable, ctx, fx))]);
  let printed: Printed;
  try {
    printed = await ctx.timer.run('print', () => session.print(printable, printFile, ctx.signal, ctx.printing));
    // a page scale below 1 (an element wider than the text block) shrinks every page: an error, not a smaller report
    const wide = await ctx.timer.run('measure width', () => session.overWide(printFile, ctx.signal));
    if (wide.length) throw new BuildError(wide.map((w) => tooWide(w, ctx.project)));
  } finally {
    await fx.remove(printFile);
    stopNow();
  }
  const software = pdfSoftware(await session.browserVersion());
  const pdf = await ctx.timer.run('finalize pdf', () => finalizePdf(printed.doc, ctx.metadata, { ...software, documentId: ctx.documentId, frontPages: printed.pageMap.frontPages }));
  const doc = printable.withPageMap(printed.pageMap);
  return { edition: { pdf, pageCount: printed.facts.pageCount, pageMap: printed.pageMap, doc, passes: printed.passes, probes: printed.probes, proof: false }, printed };
}

/** PAGE_TOO_WIDE for an element: at its table's spec file (and the datum of the cell), else in its chapter. */
function tooWide(w: OverWide, project: Project): Diagnostic {
  const specFile = (dir: string, id: string) => relative(project.root, join(dir, `${id}.yaml`)).split('\\').join('/');
  const file = w.table ? specFile(project.tablesDir, w.table) : w.chart ? specFile(project.chartsDir, w.chart) : undefined;
  const what = w.table ? `table "${w.table}"` : w.chart ? `chart "${w.chart}"` : w.block ? `a line of chapter ${w.block}` : 'a line of the front or back matter';
  return diag('PAGE_TOO_WIDE', { what, width: w.width, max: w.max, text: w.text }, { file, dataPath: w.path });
}

/** The document's font subsets, to write next to the edition (report.html links them too); none when they are there already. */
export async function fontFilesToWrite(printable: PrintableDocument, ctx: PrintContext, fx: Pick<Effects, 'readFile'>): Promise<{ path: string; bytes: Uint8Array }[]> {
  const fonts = (await fontsInPlace(printable, ctx, fx)) ? [] : await ctx.timer.run('subset fonts', () => printable.fonts.files());
  return fonts.map((f) => ({ path: join(ctx.project.outDir, f.path), bytes: f.bytes }));
}

/** The document's font subsets are already next to the edition (an earlier build of the same text): no need to cut them again. */
async function fontsInPlace(printable: PrintableDocument, ctx: PrintContext, fx: Pick<Effects, 'readFile'>): Promise<boolean> {
  return Promise.all(printable.fonts.paths.map((p) => fx.readFile(join(ctx.project.outDir, p)))).then(
    () => true,
    () => false,
  );
}
