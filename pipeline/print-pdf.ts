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
import { relative, isAbsolute } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import type { PDFDocument } from 'pdf-lib';
import { BuildError, diag } from './errors.ts';
import { openPrinted, type PdfFacts } from './pdf-destinations.ts';

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
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BuildError([diag('PRINT_TIMEOUT', { ms: job.timeoutMs }, { file: relativeToCwd(job.htmlFile) })])), job.timeoutMs);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  const page = await browser.newPage();
  try {
    return await Promise.race([printUntilStable(page, job), stop]);
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

async function printUntilStable(page: Page, job: PrintJob): Promise<Printed> {
  const blocked = await lockDown(page, job.allowedRoots);
  await page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: 'load', timeout: job.timeoutMs });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  failOnBlocked(blocked, job);

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
  if (blocked.length) throw new BuildError(blocked.map((url) => diag('BLOCKED_REQUEST', { url }, { file: relativeToCwd(job.htmlFile) })));
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
  return roots.some((root) => {
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
}

function relativeToCwd(p: string): string {
  return relative(process.cwd(), p) || p;
}
