/**
 * Stage 5, print: Chromium opens the assembled document from a file:// URL (so the npm fonts
 * load), with JavaScript off and every request outside the project blocked, and prints A4 with
 * outline and tags.
 *
 * Chromium has no target-counter(), so the contents' page numbers are found by printing: the
 * document is printed with a guess (the previous edition's page map), the PDF's link
 * destinations say where each heading really landed, and when the guess was wrong the numbers
 * are filled in and the document printed again, until nothing moves (like LaTeX's .aux file).
 * Without a guess, a probe (everything laid out, nothing drawn) finds the numbers first.
 */
import { pathToFileURL, fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer';
import type { PDFDocument } from 'pdf-lib';
import { BuildError, diag } from '../core/errors.ts';
import { factsOf, openPrinted, type PdfFacts } from './pdf-facts.ts';
import { openPdf } from './pdf-file.ts';
import { shownPath } from '../core/effects.ts';
import { isInside } from '../core/project.ts';

export interface PageMap {
  /** anchor → printed page number */
  tocPages: Record<string, string>;
  /** chapter pages in all */
  totalPages: number;
}

export interface PrintJob {
  htmlFile: string;
  /** absolute folders whose files the page may load */
  allowedRoots: string[];
  timeoutMs: number;
  /** the page map the document at htmlFile was assembled with */
  assumed: PageMap;
  /** the page map that the printed facts call for */
  pageMapOf(facts: PdfFacts): PageMap;
  /** the page-furniture CSS (running headers, footer total) for a page map */
  furnitureCss(map: PageMap): string;
}

/** What opening a document on the page needs. */
export type PageJob = Pick<PrintJob, 'htmlFile' | 'allowedRoots' | 'timeoutMs'>;

export interface Printed {
  doc: PDFDocument;
  facts: PdfFacts;
  pageMap: PageMap;
  /** full prints */
  passes: number;
  /** probes that found the page numbers before the first full print (probe()) */
  probes: number;
}

const maxPasses = 4;

export async function printPdf(browser: Browser, job: PrintJob, signal?: AbortSignal): Promise<Printed> {
  const session = new PrintSession(browser);
  try {
    return await session.print(job, undefined, signal);
  } finally {
    await session.close();
  }
}

/**
 * One open page that prints edition after edition (watch mode). When the next document links
 * the same stylesheets, only its body and page furniture are swapped in place: fonts stay
 * loaded and nothing is fetched again. Otherwise the page navigates afresh.
 */
export class PrintSession {
  private page?: Page;
  private blocked: string[] = [];
  private stylesheets?: string;

  constructor(private readonly browser: Browser) {}

  /** Prints the document at job.htmlFile; `html` is its text, when the caller has it, to allow an in-place update. */
  async print(job: PrintJob, html?: string, signal?: AbortSignal): Promise<Printed> {
    return this.guarded(job, signal, async () => {
      await this.load(job, html);
      return printUntilStable(this.page!, job, this.blocked);
    });
  }

  /**
   * Prints `body` with `furnitureCss` in place of the open page's document body (watch mode's
   * proofs, proof.ts): no navigation, no second pass. Undefined unless the open page holds a
   * document with the stylesheets of `documentHtml`.
   */
  async printBody(job: PageJob, documentHtml: string, body: string, furnitureCss: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    if (!this.page || stylesheetsOf(documentHtml) !== this.stylesheets) return undefined;
    const page = this.page;
    return this.guarded(job, signal, async () => {
      await page.evaluate(swapBody, body, furnitureCss, null, null);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ ...pdfOptions, timeout: job.timeoutMs });
      failOnBlocked(this.blocked, job);
      return pdf;
    });
  }

  /** Runs work on the page with the job's time limit; any failure closes the page and becomes a catalog error. */
  private async guarded<T>(job: PageJob, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => undefined as void;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BuildError([diag('PRINT_TIMEOUT', { ms: job.timeoutMs }, { file: shownPath(job.htmlFile) })])), job.timeoutMs);
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
      throw new BuildError([diag('PRINT_FAILED', { detail }, { file: shownPath(job.htmlFile), cause: e })]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async load(job: PageJob, html: string | undefined): Promise<void> {
    const stylesheets = html && stylesheetsOf(html);
    if (this.page && html && stylesheets === this.stylesheets) {
      await this.page.evaluate(
        swapBody,
        documentBody(html)?.text ?? '',
        /<style id="page-furniture">([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '',
        /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
        /<html[^>]* lang="([^"]*)"/.exec(html)?.[1] ?? '',
      );
    } else {
      await this.close();
      this.page = await this.browser.newPage();
      this.blocked = await lockDown(this.page, job.allowedRoots);
      await this.page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: 'load', timeout: job.timeoutMs });
      this.stylesheets = stylesheets;
    }
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    failOnBlocked(this.blocked, job);
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
}

/** Runs in the page: a new body and page furniture (and title and language, when given) for the open document. */
function swapBody(body: string, furniture: string, title: string | null, lang: string | null): void {
  document.body.innerHTML = body;
  const style = document.getElementById('page-furniture');
  if (style) style.textContent = furniture;
  if (title !== null) {
    const decode = document.createElement('textarea');
    decode.innerHTML = title;
    document.title = decode.value;
  }
  if (lang !== null) document.documentElement.lang = lang;
}

/** How every document is printed: A4 (or the CSS page size), backgrounds, outline and tags. */
export const pdfOptions = { format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true } as const;

async function printUntilStable(page: Page, job: PrintJob, blocked: string[]): Promise<Printed> {
  let shown = job.assumed;
  let probes = 0;
  if (!shown.totalPages) {
    // no guess at the page numbers (a first build): a probe finds them at a fraction of a print's cost
    const needed = job.pageMapOf(factsOf(await openPdf(await probe(page, job))));
    failOnBlocked(blocked, job);
    probes = 1;
    shown = needed;
    await fillPageNumbers(page, shown, job.furnitureCss(shown));
  }
  for (let passes = 1; ; passes++) {
    const pdf = await page.pdf({ ...pdfOptions, timeout: job.timeoutMs });
    failOnBlocked(blocked, job);
    const { doc, facts } = await openPrinted(pdf);
    const needed = job.pageMapOf(facts);
    if (samePageMap(needed, shown) || passes === maxPasses) return { doc, facts, pageMap: shown, passes, probes };
    shown = needed;
    await fillPageNumbers(page, shown, job.furnitureCss(shown));
  }
}

/**
 * Prints the page with every element of the body hidden. Hidden elements keep their boxes, so
 * pages break exactly where a full print breaks them and Chromium writes the same named
 * destinations; with no text or charts to draw and no tags, it takes a fifth of the time.
 */
async function probe(page: Page, job: PrintJob): Promise<Uint8Array> {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'layout-probe';
    style.textContent = 'body * { visibility: hidden !important; }';
    document.head.append(style);
  });
  try {
    return await page.pdf({ ...pdfOptions, outline: false, tagged: false, printBackground: false, timeout: job.timeoutMs });
  } finally {
    await page.evaluate(() => document.getElementById('layout-probe')?.remove());
  }
}

/** Runs in the page: the contents' page numbers and the page furniture for a page map. */
async function fillPageNumbers(page: Page, map: PageMap, furnitureCss: string): Promise<void> {
  await page.evaluate(
    (pages: Record<string, string>, css: string) => {
      for (const el of document.querySelectorAll<HTMLElement>('.toc-page[data-for]')) el.textContent = pages[el.dataset.for!] ?? '';
      const style = document.getElementById('page-furniture');
      if (style) style.textContent = css;
    },
    map.tocPages,
    furnitureCss,
  );
}

/** Where a document's body is: its text, and the offsets where the text starts and ends. */
export function documentBody(html: string): { text: string; start: number; end: number } | undefined {
  const open = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  if (open < 0 || end < open) return undefined;
  const start = open + '<body>'.length;
  return { text: html.slice(start, end), start, end };
}

/** The stylesheets a document links, in order: documents that share them can be swapped in place. */
const stylesheetsOf = (html: string) => [...html.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1]).join('\n');

export function samePageMap(a: PageMap, b: PageMap): boolean {
  return a.totalPages === b.totalPages && JSON.stringify(sorted(a.tocPages)) === JSON.stringify(sorted(b.tocPages));
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));

function failOnBlocked(blocked: string[], job: PageJob): void {
  if (blocked.length) throw new BuildError(blocked.map((url) => diag('BLOCKED_REQUEST', { url }, { file: shownPath(job.htmlFile) })));
}

/** JavaScript off, print media, and nothing but the project's own files. Returns the list of refused URLs. */
async function lockDown(page: Page, roots: string[]): Promise<string[]> {
  const blocked: string[] = [];
  await page.setJavaScriptEnabled(false);
  await page.emulateMediaType('print');
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (isAllowed(url, roots)) return void req.continue();
    blocked.push(url);
    void req.abort('blockedbyclient');
  });
  return blocked;
}

export function isAllowed(url: string, roots: string[]): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file://')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  // a symlink inside the project that points outside it is outside it: compare real paths
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const target = real(path);
  return roots.some((root) => isInside(real(root), target));
}
