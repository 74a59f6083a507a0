/**
 * Stage 5, print: Chromium opens the assembled document from a file:// URL (so the npm fonts
 * load), with JavaScript off and every request outside the project blocked, and prints A4 with
 * outline and tags. Chromium has no target-counter(), so the table of contents is filled from
 * where the first print put each heading, then printed again; the layout is verified unchanged.
 */
import { pathToFileURL, fileURLToPath } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { BuildError, diag } from './errors.ts';
import { readPdfFacts, type PdfFacts } from './pdf-destinations.ts';

export interface PageFurniture {
  /** anchor → printed page number */
  tocPages: Record<string, string>;
  /** chapter pages in all */
  totalPages: number;
  /** the page-furniture CSS (running headers, footer with total) for these numbers */
  css: string;
}

export interface PrintJob {
  htmlFile: string;
  /** absolute folders whose files the page may load */
  allowedRoots: string[];
  timeoutMs: number;
  /** from the first print's facts, the numbers and CSS the second print shows */
  furnish(facts: PdfFacts): PageFurniture;
}

export interface Printed {
  pdf: Uint8Array;
  facts: PdfFacts;
  furniture: PageFurniture;
  passes: number;
}

const maxPasses = 3;

export async function printPdf(browser: Browser, job: PrintJob): Promise<Printed> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BuildError([diag('PRINT_TIMEOUT', { ms: job.timeoutMs }, { file: relativeToCwd(job.htmlFile) })])), job.timeoutMs);
  });
  const page = await browser.newPage();
  try {
    return await Promise.race([printPasses(page, job), timeout]);
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

async function printPasses(page: Page, job: PrintJob): Promise<Printed> {
  const blocked = await lockDown(page, job.allowedRoots);
  await page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: 'load', timeout: job.timeoutMs });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (blocked.length) throw new BuildError(blocked.map((url) => diag('BLOCKED_REQUEST', { url }, { file: relativeToCwd(job.htmlFile) })));

  let pdf = await printOnce(page, job.timeoutMs);
  let facts = await readPdfFacts(pdf);
  let furniture = job.furnish(facts);
  let passes = 1;
  for (; passes < maxPasses; ) {
    await page.evaluate(
      (pages: Record<string, string>, css: string) => {
        for (const el of document.querySelectorAll<HTMLElement>('.toc-page[data-for]')) el.textContent = pages[el.dataset.for!] ?? '';
        const style = document.getElementById('page-furniture');
        if (style) style.textContent = css;
      },
      furniture.tocPages,
      furniture.css,
    );
    pdf = await printOnce(page, job.timeoutMs);
    passes += 1;
    const again = await readPdfFacts(pdf);
    const next = job.furnish(again);
    const stable = JSON.stringify(next.tocPages) === JSON.stringify(furniture.tocPages) && next.totalPages === furniture.totalPages;
    facts = again;
    if (stable) break;
    furniture = next; // filling the numbers moved a heading: print once more with the new numbers
  }
  if (blocked.length) throw new BuildError(blocked.map((url) => diag('BLOCKED_REQUEST', { url }, { file: relativeToCwd(job.htmlFile) })));
  return { pdf, facts, furniture, passes };
}

async function printOnce(page: Page, timeout: number): Promise<Uint8Array> {
  return page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout });
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
