/**
 * Where each block of the chapters' flow landed in a layout probe. Chromium tells a script nothing
 * of where print layout put an element, but it writes a named destination (page, top) for every
 * element a link points at: the page gets an empty marker at the start of each block's first line
 * and the end of its last, and one hidden link to each, for the length of one probe. The markers
 * are empty inline boxes (they break no line) and the links are display:none (they take no space),
 * so the probe breaks the pages where the print does.
 */
import type { Page } from 'puppeteer';
import type { PdfFacts } from './pdf-facts.ts';

/** What kind of block: a heading (kept with what follows), a float (a chart or an unbreakable table that may move), or text. */
export type BlockKind = 'heading' | 'float' | 'text';

/** One block of a chapter's flow, in document order, as the page describes it before the probe. */
export interface FlowBlock {
  kind: BlockKind;
  /** the element's id: a float's, so a move can name it */
  id: string;
  /** the chapter's anchor (ch-3) */
  chapter: string;
  /** the line height of the block's last line, in points: a marker gives a line's top, the block ends a line below */
  lastLine: number;
}

/** A block as the probe laid it out: 0-based page indexes, and points below the page's top edge. */
export interface PlacedBlock extends FlowBlock {
  /** its place among the chapters' blocks, in document order (what stretchGaps counts by) */
  index: number;
  startPage: number;
  startTop: number;
  endPage: number;
  endBottom: number;
}

/** The chapters' blocks, in the page (those with display: none left out where they are counted). */
export const flowBlocks = 'section.chapter > *';

/** The blocks that may move: charts (not key-figure callouts, which the text points to as "below") and unbreakable tables. */
export const floatBlocks = 'figure.chart:not(.callout), figure.table.whole';

/** The prefix of the markers' ids: their destinations are dropped from the facts the page numbers come from. */
export const markerPrefix = 'flow-mark-';

/** Puts the markers and their links in the page; returns the blocks in the order of their markers. */
export async function markFlow(page: Page): Promise<FlowBlock[]> {
  return page.evaluate((prefix: string, flow: string, floats: string) => {
    // no named function inside: tsx (keepNames) would wrap it in __name, which the page lacks
    const links = document.createElement('div');
    links.id = `${prefix}links`;
    links.style.display = 'none';
    const blocks = [...document.querySelectorAll(flow)].filter((el) => getComputedStyle(el).display !== 'none');
    // everything read before anything is written: a style read after a write lays the document out again
    const ends = blocks.map((el) => {
      const at = { s: el, e: el };
      for (const where of ['s', 'e'] as const) {
        // the block's first (last) line: down its first (last) children while they are blocks
        for (let next = where === 's' ? el.firstElementChild : el.lastElementChild; next && !getComputedStyle(next).display.startsWith('inline'); next = where === 's' ? next.firstElementChild : next.lastElementChild) at[where] = next;
      }
      return at;
    });
    const out = blocks.map((el, i) => {
      const style = getComputedStyle(ends[i].e);
      const lineHeight = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
      const kind = /^H[1-6]$/.test(el.tagName) ? 'heading' : el.matches(floats) ? 'float' : 'text';
      return { kind, id: el.id, chapter: el.closest('section.chapter')!.id, lastLine: lineHeight * 0.75 } as const;
    });
    ends.forEach((at, i) => {
      for (const where of ['s', 'e'] as const) {
        const mark = document.createElement('span');
        mark.id = `${prefix}${where}${i}`;
        mark.className = prefix;
        if (where === 's') at.s.prepend(mark);
        else at.e.append(mark);
        const a = document.createElement('a');
        a.href = `#${mark.id}`;
        links.append(a);
      }
    });
    document.body.append(links);
    return out;
  }, markerPrefix, flowBlocks, floatBlocks);
}

/** Takes the markers and their links out of the page again. */
export async function unmarkFlow(page: Page): Promise<void> {
  await page.evaluate((prefix: string) => {
    document.getElementById(`${prefix}links`)?.remove();
    for (const mark of document.querySelectorAll(`span.${prefix}`)) mark.remove();
  }, markerPrefix);
}

/** The blocks where the probe put them (a block whose markers are missing, e.g. inside something hidden, is left out). */
export function placeBlocks(blocks: FlowBlock[], facts: PdfFacts): PlacedBlock[] {
  return blocks.flatMap((b, i) => {
    const [s, e] = [`${markerPrefix}s${i}`, `${markerPrefix}e${i}`];
    const [startPage, endPage, startTop, endTop] = [facts.destinations.get(s), facts.destinations.get(e), facts.tops?.get(s), facts.tops?.get(e)];
    if (startPage === undefined || endPage === undefined || startTop === undefined || endTop === undefined) return [];
    return [{ ...b, index: i, startPage, startTop, endPage, endBottom: endTop + b.lastLine }];
  });
}

/** The facts without the markers' destinations: what the page numbers and the closing sections are read from. */
export function withoutMarkers(facts: PdfFacts): PdfFacts {
  const keep = <V>(m: Map<string, V>) => new Map([...m].filter(([id]) => !id.startsWith(markerPrefix)));
  return { ...facts, destinations: keep(facts.destinations), tops: facts.tops && keep(facts.tops) };
}

/** A probe of the page with its flow marked: the blocks where it put them, and its facts (markers included). */
export async function probeFlow(page: Page, probe: () => Promise<PdfFacts>): Promise<{ placed: PlacedBlock[]; facts: PdfFacts }> {
  const blocks = await markFlow(page);
  try {
    const facts = await probe();
    return { placed: placeBlocks(blocks, facts), facts };
  } finally {
    await unmarkFlow(page);
  }
}
