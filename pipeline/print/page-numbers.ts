/**
 * The contents' page numbers, found by printing. Chromium has no target-counter(): the document
 * is printed with a guess (the previous edition's page map), the PDF's link destinations say
 * where each heading really landed, and when the guess was wrong the numbers are filled in and
 * the document printed again, until nothing moves (like LaTeX's .aux file). Without a guess, a
 * probe (everything laid out, nothing drawn) finds the numbers first.
 */
import type { Page } from 'puppeteer';
import { folio } from '../render/front-matter.ts';
import { samePageMap, type PageMap } from '../render/page-map.ts';
import type { PrintableDocument } from '../render/render-document.ts';
import { factsOf, openPrinted, type PdfFacts } from './pdf-facts.ts';
import { openPdf } from './pdf-file.ts';
import { pdfOptions } from './pdf-options.ts';
import type { PDFDocument } from 'pdf-lib';

export interface Printed {
  doc: PDFDocument;
  facts: PdfFacts;
  pageMap: PageMap;
  /** full prints */
  passes: number;
  /** layout probes that found the page numbers before the first full print */
  probes: number;
}

const maxPasses = 4;

export async function printUntilStable(page: Page, printable: PrintableDocument, opts: { timeoutMs: number; checkBlocked(): void; printing?: () => void }): Promise<Printed> {
  let shown = printable.doc.pageMap;
  let probes = 0;
  opts.printing?.(); // the document is loaded: from here the browser lays it out and prints, Node's thread is free
  const guessed = shown.pulled ?? [];
  if (guessed.length) {
    // an earlier edition's tightening is no guess: whether a chapter needs it is read from a layout without it
    shown = { ...shown, pulled: [] };
    await fillPageNumbers(page, shown, printable.furnitureCss(shown));
  }
  const probeFacts = async () => {
    const facts = factsOf(await openPdf(await probe(page, opts.timeoutMs)));
    opts.checkBlocked();
    probes++;
    return facts;
  };
  /**
   * A short closing section alone on its chapter's last page (closing-sections.ts), in a layout
   * without tightening: a probe with those chapters' headings tightened says which it pulls back;
   * only those are printed so. Returns the page map to print with (`base` when none is pulled).
   */
  const pullBack = async (facts: PdfFacts, base: PageMap): Promise<PageMap | undefined> => {
    const stranded = printable.strandedClosings(facts);
    if (!stranded.length) return undefined;
    const trial: PageMap = { ...base, pulled: stranded };
    await fillPageNumbers(page, trial, printable.furnitureCss(trial));
    const tried = await probeFacts();
    const still = printable.strandedClosings(tried);
    const pulled = stranded.filter((ch) => !still.includes(ch));
    const next = pulled.length ? { ...printable.pageMapOf(tried), pulled } : base;
    await fillPageNumbers(page, next, printable.furnitureCss(next));
    return next;
  };
  let decided = false;
  if (!shown.totalPages || guessed.length) {
    // no guess at the page numbers (a first build), or one to check: a probe finds them at a fraction of a print's cost
    const facts = await probeFacts();
    shown = printable.pageMapOf(facts);
    await fillPageNumbers(page, shown, printable.furnitureCss(shown));
    shown = (await pullBack(facts, shown)) ?? shown;
    decided = true;
  }
  const stable = await printUntilNumbersHold(page, printable, shown, opts);
  if (decided) return { ...stable, probes };
  const next = await pullBack(stable.facts, stable.pageMap);
  if (!next || !next.pulled?.length) return { ...stable, probes };
  const final = await printUntilNumbersHold(page, printable, next, opts);
  return { ...final, passes: stable.passes + final.passes, probes };
}

/** Prints until the page numbers a print calls for are those it showed (each map keeps `shown`'s tightened chapters). */
async function printUntilNumbersHold(page: Page, printable: PrintableDocument, shown: PageMap, opts: { timeoutMs: number; checkBlocked(): void }): Promise<Omit<Printed, 'probes'>> {
  for (let passes = 1; ; passes++) {
    const pdf = await page.pdf({ ...pdfOptions, timeout: opts.timeoutMs });
    opts.checkBlocked();
    const { doc, facts } = await openPrinted(pdf);
    const needed = { ...printable.pageMapOf(facts), ...(shown.pulled?.length ? { pulled: shown.pulled } : {}) };
    if (samePageMap(needed, shown) || passes === maxPasses) return { doc, facts, pageMap: shown, passes };
    shown = needed;
    await fillPageNumbers(page, shown, printable.furnitureCss(shown));
  }
}

/**
 * Prints the page with every element of the body hidden. Hidden elements keep their boxes, so
 * pages break exactly where a full print breaks them and Chromium writes the same named
 * destinations; with no text or charts to draw and no tags, it takes a fifth of the time.
 */
async function probe(page: Page, timeoutMs: number): Promise<Uint8Array> {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'layout-probe';
    style.textContent = 'body * { visibility: hidden !important; }';
    document.head.append(style);
  });
  try {
    return await page.pdf({ ...pdfOptions, outline: false, tagged: false, printBackground: false, timeout: timeoutMs });
  } finally {
    await page.evaluate(() => document.getElementById('layout-probe')?.remove());
  }
}

/** Runs in the page: the contents' page numbers, the pages {{see}} points to, and the page furniture for a page map. */
async function fillPageNumbers(page: Page, map: PageMap, furnitureCss: string): Promise<void> {
  await page.evaluate(
    (pages: Record<string, string>, css: string) => {
      for (const el of document.querySelectorAll<HTMLElement>('.toc-page[data-for], .page-of[data-for]')) el.textContent = pages[el.dataset.for!] ?? '';
      const style = document.getElementById('page-furniture');
      if (style) style.textContent = css;
    },
    Object.fromEntries(Object.entries(map.tocPages).map(([id, page]) => [id, folio(page, map)])), // a front-matter entry's roman folio
    furnitureCss,
  );
}
