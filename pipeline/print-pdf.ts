/**
 * Stage 5, print: Chromium opens the assembled document from a file:// URL (so the npm fonts
 * load), with JavaScript off and every request outside the project blocked, and prints A4 with
 * outline and tags.
 *
 * Chromium has no target-counter(), so the contents' page numbers are found by printing: the
 * document is printed with a guess (the previous edition's page map, or blanks), the PDF's link
 * destinations say where each heading really landed, and when the guess was wrong the numbers
 * are filled in and the document printed again, until nothing moves (like LaTeX's .aux file).
 */
import { pathToFileURL, fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer';
import type { PDFDocument } from 'pdf-lib';
import { BuildError, diag } from './errors.ts';
import { openPrinted, type PdfFacts } from './pdf-destinations.ts';
import { shownPath } from './effects.ts';
import { isInside } from './project.ts';

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

export interface Printed {
  doc: PDFDocument;
  facts: PdfFacts;
  pageMap: PageMap;
  passes: number;
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
  private links?: string;

  constructor(private readonly browser: Browser) {}

  /** Prints the document at job.htmlFile; `html` is its text, when the caller has it, to allow an in-place update. */
  async print(job: PrintJob, html?: string, signal?: AbortSignal): Promise<Printed> {
    let timer: NodeJS.Timeout | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BuildError([diag('PRINT_TIMEOUT', { ms: job.timeoutMs }, { file: shownPath(job.htmlFile) })])), job.timeoutMs);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    try {
      return await Promise.race([this.load(job, html).then(() => printUntilStable(this.page!, job, this.blocked)), stop]);
    } catch (e) {
      await this.close(); // a failed or timed-out page is not reused
      if (e instanceof BuildError || signal?.aborted) throw e;
      // the browser crashed, was killed or closed the connection: a catalog error, not a stack trace
      const detail = `${String((e as Error)?.message ?? e).split('\n')[0]}${this.browser.connected ? '' : ' (the browser is gone)'}`;
      throw new BuildError([diag('PRINT_FAILED', { detail }, { file: shownPath(job.htmlFile) })]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async load(job: PrintJob, html: string | undefined): Promise<void> {
    const links = html?.match(/<link [^>]*>/g)?.join('\n');
    if (this.page && html && links === this.links) {
      await this.page.evaluate(
        (body: string, furniture: string, title: string) => {
          document.body.innerHTML = body;
          const style = document.getElementById('page-furniture');
          if (style) style.textContent = furniture;
          const decode = document.createElement('textarea');
          decode.innerHTML = title;
          document.title = decode.value;
        },
        /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '',
        /<style id="page-furniture">([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '',
        /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
      );
    } else {
      await this.close();
      this.page = await this.browser.newPage();
      this.blocked = await lockDown(this.page, job.allowedRoots);
      await this.page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: 'load', timeout: job.timeoutMs });
      this.links = links;
    }
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    failOnBlocked(this.blocked, job);
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    this.links = undefined;
    // a hung browser never answers: do not wait for it (closing the browser kills it)
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([page?.close().catch(() => undefined), new Promise((r) => (grace = setTimeout(r, 2000)))]);
    clearTimeout(grace);
  }
}

async function printUntilStable(page: Page, job: PrintJob, blocked: string[]): Promise<Printed> {
  let shown = job.assumed;
  for (let passes = 1; ; passes++) {
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: job.timeoutMs });
    failOnBlocked(blocked, job);
    const { doc, facts } = await openPrinted(pdf);
    const needed = job.pageMapOf(facts);
    if (samePageMap(needed, shown) || passes === maxPasses) return { doc, facts, pageMap: shown, passes };
    shown = needed;
    await page.evaluate(
      (pages: Record<string, string>, css: string) => {
        for (const el of document.querySelectorAll<HTMLElement>('.toc-page[data-for]')) el.textContent = pages[el.dataset.for!] ?? '';
        const style = document.getElementById('page-furniture');
        if (style) style.textContent = css;
      },
      shown.tocPages,
      job.furnitureCss(shown),
    );
  }
}

export function samePageMap(a: PageMap, b: PageMap): boolean {
  return a.totalPages === b.totalPages && JSON.stringify(sorted(a.tocPages)) === JSON.stringify(sorted(b.tocPages));
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));

function failOnBlocked(blocked: string[], job: PrintJob): void {
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
