/**
 * The print page: Chromium opens a document from a file:// URL (so the npm fonts load), locked
 * down (lock-down.ts), and prints A4 with outline and tags.
 *
 * One session keeps its page open from print to print (watch mode): when the next document
 * links the same stylesheets, only its body, title, language and page furniture are swapped in
 * place, from the assembled document's values, so fonts stay loaded and nothing is fetched
 * again. Otherwise the page navigates afresh. Any failure closes the page and becomes a catalog
 * error (PRINT_TIMEOUT, PRINT_FAILED, BLOCKED_REQUEST) naming the file being printed.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import type { PDFDocument } from 'pdf-lib';
import { BuildError, diag } from '../core/errors.ts';
import { shownPath } from '../core/effects.ts';
import type { AssembledDocument } from '../render/assemble.ts';
import type { PrintableDocument } from '../render/render-document.ts';
import { lockDown, type Blocked } from './lock-down.ts';
import { pageFiles } from './page-files.ts';
import { overWideElements, type OverWide } from './page-width.ts';
import { printUntilStable, type Printed } from './page-numbers.ts';
import { applyMoves } from './float-placement.ts';
import { pdfOptions } from './pdf-options.ts';
import { openPdf } from './pdf-file.ts';

export interface PageOptions {
  /** absolute folders whose files the page may load */
  allowedRoots: string[];
  timeoutMs: number;
}

export class PrintSession {
  private page?: Page;
  private blocked: Blocked[] = [];
  private stylesheets?: string;
  /** the files the open page may load (print/page-files.ts); grows when printBody swaps a stylesheet */
  private files = new Set<string>();

  constructor(
    private readonly browser: Browser,
    readonly options: PageOptions,
  ) {}

  /** Prints `printable` (written at htmlFile) until its contents' page numbers hold; `printing` is called once it is loaded and printing. */
  async print(printable: PrintableDocument, htmlFile: string, signal?: AbortSignal, printing?: () => void): Promise<Printed> {
    return this.guarded(htmlFile, signal, async () => {
      await this.load(printable.doc, htmlFile);
      return printUntilStable(this.page!, printable, { timeoutMs: this.options.timeoutMs, checkBlocked: () => this.failOnBlocked(htmlFile), printing });
    });
  }

  /** The browser's product and version as it reports them (HeadlessChrome/156.0.8078.114): the PDF's Creator and Producer name it. */
  browserVersion(): Promise<string> {
    return this.browser.version();
  }

  /** The elements of the printed document wider than the page's text block (page-width.ts); call after print(). */
  async overWide(htmlFile: string, signal?: AbortSignal): Promise<OverWide[]> {
    return this.guarded(htmlFile, signal, () => overWideElements(this.page!, htmlFile, this.stylesheets?.split('\n') ?? []));
  }

  /** Opens the document written at htmlFile without printing it (watch mode starting from a current out/: the next proof swaps its body). */
  async open(doc: AssembledDocument, htmlFile: string, signal?: AbortSignal): Promise<void> {
    return this.guarded(htmlFile, signal, () => this.load(doc, htmlFile));
  }

  /** Prints a file once, as it is (the redline): given its stylesheets, the page loads exactly its files; else its folders. */
  async printFile(htmlFile: string, signal?: AbortSignal, stylesheets?: string[]): Promise<PDFDocument> {
    return this.guarded(htmlFile, signal, async () => {
      await this.navigate(htmlFile, stylesheets?.join('\n'));
      const pdf = await this.page!.pdf({ ...pdfOptions, timeout: this.options.timeoutMs });
      this.failOnBlocked(htmlFile);
      return openPdf(pdf);
    });
  }

  /**
   * Prints `body` with `furnitureCss` in place of the open page's body (watch mode's proofs), its
   * figures moved as `floats` says: no navigation, one pass. Undefined unless the open page holds a document with as many
   * stylesheets as `doc`'s; those that differ (new font subsets: a new character) are swapped in
   * place, and the page may load their files from then on.
   */
  async printBody(doc: AssembledDocument, htmlFile: string, body: string, furnitureCss: string, signal?: AbortSignal, floats: Record<string, number> = {}): Promise<Uint8Array | undefined> {
    const open = this.stylesheets?.split('\n');
    const next = doc.head.stylesheets;
    if (!this.page || !open || open.length !== next.length) return undefined;
    const page = this.page;
    const changed = next.flatMap((href, i) => (href === open[i] ? [] : [[open[i], href] as [string, string]]));
    return this.guarded(htmlFile, signal, async () => {
      if (changed.length) {
        for (const file of pageFiles(htmlFile, next)) this.files.add(file);
        await page.evaluate(addStylesheets, changed);
        // a local file loads within a few ms; the print's time limit (guarded) bounds the wait
        while (!(await page.evaluate(newSheetsLoaded, changed))) await new Promise((r) => setTimeout(r, 5));
        this.stylesheets = stylesheetsKey(doc);
        this.failOnBlocked(htmlFile);
      }
      await page.evaluate(swapBody, body, furnitureCss, null, null);
      // the figures where the last full print placed them (float-placement.ts), or every page they pass would differ from it
      if (Object.keys(floats).length) await applyMoves(page, floats);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ ...pdfOptions, timeout: this.options.timeoutMs });
      this.failOnBlocked(htmlFile);
      return pdf;
    });
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    this.stylesheets = undefined;
    // a hung browser never answers: do not wait for it (closing the browser kills it)
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([page?.close().catch(() => undefined), new Promise((r) => (grace = setTimeout(r, 2000)))]);
    clearTimeout(grace);
  }

  /** Runs work on the page within the time limit; any failure closes the page and becomes a catalog error. */
  private async guarded<T>(htmlFile: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    const { timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => undefined as void;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BuildError([diag('PRINT_TIMEOUT', { ms: timeoutMs }, { file: shownPath(htmlFile) })])), timeoutMs);
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work(), stop]);
    } catch (e) {
      await this.close(); // a failed or timed-out page is not reused
      if (e instanceof BuildError || signal?.aborted) throw e;
      // the browser crashed, was killed or closed the connection: a catalog error, not a stack trace
      const detail = `${String((e as Error)?.message ?? e).split('\n')[0]}${this.browser.connected ? '' : ' (the browser is gone)'}`;
      throw new BuildError([diag('PRINT_FAILED', { detail }, { file: shownPath(htmlFile), cause: e })]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The document on the page: swapped in place when the open page links the same stylesheets, else loaded from htmlFile. */
  private async load(doc: AssembledDocument, htmlFile: string): Promise<void> {
    if (this.page && stylesheetsKey(doc) === this.stylesheets) {
      await this.page.evaluate(swapBody, doc.blocks.map((b) => b.html).join(''), doc.head.furnitureCss, doc.head.title, doc.head.lang);
      await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
      this.failOnBlocked(htmlFile);
    } else await this.navigate(htmlFile, stylesheetsKey(doc));
  }

  private async navigate(htmlFile: string, stylesheets: string | undefined): Promise<void> {
    await this.close();
    this.page = await this.browser.newPage();
    await this.page.emulateMediaType('print');
    // a document's page loads exactly its own files; a file printed as it is (the redline), its folders
    this.files = stylesheets === undefined ? new Set() : pageFiles(htmlFile, stylesheets.split('\n'));
    this.blocked = await lockDown(this.page, this.options.allowedRoots, stylesheets === undefined ? undefined : this.files);
    await this.page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: this.options.timeoutMs });
    this.stylesheets = stylesheets;
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    this.failOnBlocked(htmlFile);
  }

  private failOnBlocked(htmlFile: string): void {
    if (this.blocked.length) throw new BuildError(this.blocked.map((b) => diag('BLOCKED_REQUEST', { url: shownUrl(b.url) }, { file: sourceOf(b.from ?? htmlFile) })));
  }
}

/**
 * The file a user can open for what asked: a stylesheet by its project path; the temporary print
 * file (.print-PID.html, or .print-PID.zh-Hant.html, removed after the print) by what it
 * becomes, report.html (report.zh-Hant.html) beside it.
 */
const sourceOf = (file: string) => shownPath(file.replace(/([/\\])\.print-\d+((?:\.[\w-]+)?)\.html$/, '$1report$2.html'));
/** A file the page asked for, by its project path when it is one; anything else as it was asked. */
const shownUrl = (url: string) => (url.startsWith('file://') ? shownPath(fileURLToPath(url)) : url);

const stylesheetsKey = (doc: AssembledDocument) => doc.head.stylesheets.join('\n');

/** Runs in the page: a new body and page furniture (and title and language, when given) for the open document. */
function swapBody(body: string, furniture: string, title: string | null, lang: string | null): void {
  document.body.innerHTML = body;
  const style = document.getElementById('page-furniture');
  if (style) style.textContent = furniture;
  if (title !== null) document.title = title;
  if (lang !== null) document.documentElement.lang = lang;
}

/**
 * Runs in the page: a link to `to` after each stylesheet link `from`. The old sheet stays until
 * the new one has loaded (newSheetsLoaded), so no text is ever without its font. The page runs
 * no script of its own (lock-down.ts), so no load event or timer would fire: the caller polls.
 */
function addStylesheets(changes: [string, string][]): void {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  for (const [from, to] of changes) {
    const link = links.find((l) => l.getAttribute('href') === from);
    if (!link) throw new Error(`the open page has no stylesheet ${from}`);
    const next = link.cloneNode() as HTMLLinkElement;
    next.setAttribute('href', to);
    link.after(next);
  }
}

/** Runs in the page: whether every new sheet has loaded; if so, the old links are removed and the new sheets' fonts loaded. */
async function newSheetsLoaded(changes: [string, string][]): Promise<boolean> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  const added = changes.map(([, to]) => links.find((l) => l.getAttribute('href') === to));
  if (added.some((l) => !l?.sheet)) return false;
  for (const [from] of changes) links.find((l) => l.getAttribute('href') === from)?.remove();
  await Promise.all([...document.fonts].filter((f) => f.status === 'unloaded').map((f) => f.load()));
  return true;
}
