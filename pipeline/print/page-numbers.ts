/**
 * The contents' page numbers, found by printing. Chromium has no target-counter(): a layout probe
 * (everything laid out, nothing drawn; it also places the figures, float-placement.ts) says where
 * each heading landed through the PDF's link destinations, the numbers are filled in, and the
 * document is printed, and printed again while the numbers it calls for differ from those it shows
 * (like LaTeX's .aux file). The document comes with the previous edition's numbers, so the probe
 * lays out text whose numbers are most likely already right.
 */
import type { Page } from 'puppeteer';
import { folio } from '../render/front-matter.ts';
import { samePageMap, textBlock, type PageMap } from '../render/page-map.ts';
import type { PrintableDocument } from '../render/render-document.ts';
import { factsOf, openPrinted, type PdfFacts } from './pdf-facts.ts';
import { openPdf } from './pdf-file.ts';
import { pdfOptions } from './pdf-options.ts';
import { placeFloats } from './float-placement.ts';
import { probeFlow, withoutMarkers } from './flow-layout.ts';
import { pageStretch, stretchGaps } from './page-fill.ts';
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
/** placements of the figures after the first, while the numbers they call for are not those they were placed with */
const maxPlacements = 3;

export async function printUntilStable(page: Page, printable: PrintableDocument, opts: { timeoutMs: number; checkBlocked(): void; printing?: () => void }): Promise<Printed> {
  let probes = 0;
  opts.printing?.(); // the document is loaded: from here the browser lays it out and prints, Node's thread is free
  const probeFacts = async () => {
    const facts = factsOf(await openPdf(await layoutProbe(page, opts.timeoutMs)));
    opts.checkBlocked();
    probes++;
    return facts;
  };
  // an earlier edition's tightening is no guess: whether a chapter needs it is read from a layout without it
  let shown: PageMap = { ...printable.doc.pageMap, pulled: [] };
  if (printable.doc.pageMap.pulled?.length) await fillPageNumbers(page, shown, printable.furnitureCss(shown));
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
    const next = pulled.length ? { ...printable.pageMapOf(tried), floats: base.floats, pulled } : base;
    await fillPageNumbers(page, next, printable.furnitureCss(next));
    return next;
  };
  // figures are placed from a probe of the document as written, in every print (float-placement.ts): the probe
  // that finds them also finds the page numbers, so the last edition's numbers are no longer worth a guess
  let floats = await placeFloats(page, probeFacts);
  let placed: PageMap = { ...printable.pageMapOf(floats.facts), floats: floats.moves };
  // the document came with these numbers (a right guess): filling them in changes no line, the probe's layout is the print's
  let unchanged = samePageMap({ ...printable.doc.pageMap, pulled: [], floats: floats.moves }, { ...placed, pulled: [] });
  // a wrong guess: the figures are placed again in the text with the numbers it calls for, until a placement
  // calls for the numbers it was made with, so where they go never depends on the guess (a first build, with
  // no numbers, and a rebuild from its numbers put zh-Hant's 表4-1 a page apart: traditional.test)
  for (let again = 0; !unchanged && again < maxPlacements; again++) {
    await fillPageNumbers(page, placed, printable.furnitureCss(placed));
    floats = await placeFloats(page, probeFacts);
    const next: PageMap = { ...printable.pageMapOf(floats.facts), floats: floats.moves };
    unchanged = samePageMap(next, placed);
    placed = next;
  }
  await fillPageNumbers(page, (shown = placed), printable.furnitureCss(placed));
  const pulled = await pullBack(floats.facts, shown);
  shown = pulled ?? shown;
  // the layout that prints (its numbers filled in, its closing sections pulled back), for the pages' feet to be filled (page-fill.ts)
  const flow = unchanged && !pulled ? floats : await probeFlow(page, probeFacts);
  const found = calledFor(printable, withoutMarkers(flow.facts), shown);
  if (!samePageMap(found, shown)) await fillPageNumbers(page, (shown = found), printable.furnitureCss(found));
  else await stretchGaps(page, pageStretch(flow.placed, textBlock));
  const stable = await printUntilNumbersHold(page, printable, shown, opts);
  return { ...stable, probes };
}

/** The page map a layout calls for: its numbers, with `shown`'s placed figures and tightened chapters. */
function calledFor(printable: PrintableDocument, facts: PdfFacts, shown: PageMap): PageMap {
  return { ...printable.pageMapOf(facts), floats: shown.floats, ...(shown.pulled?.length ? { pulled: shown.pulled } : {}) };
}

/** Prints until the page numbers a print calls for are those it showed (each map keeps `shown`'s tightened chapters). */
async function printUntilNumbersHold(page: Page, printable: PrintableDocument, shown: PageMap, opts: { timeoutMs: number; checkBlocked(): void }): Promise<Omit<Printed, 'probes'>> {
  for (let passes = 1; ; passes++) {
    const pdf = await page.pdf({ ...pdfOptions, timeout: opts.timeoutMs });
    opts.checkBlocked();
    const { doc, facts } = await openPrinted(pdf);
    const needed = calledFor(printable, facts, shown);
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
export async function layoutProbe(page: Page, timeoutMs: number): Promise<Uint8Array> {
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
