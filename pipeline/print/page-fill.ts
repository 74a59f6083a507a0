/**
 * Pages filled to the foot (撑版): where a page ends short because what comes next could not be
 * split (a heading kept with its first lines, a figure, a paragraph kept whole), the empty foot is
 * shared out as a little extra space above the headings and around the figures on that page, as a
 * Chinese compositor spaces out a page (撑版) and LaTeX's \flushbottom does, so facing pages end
 * nearer level (review 41 T1). The extra space only moves lines down within their page: every page
 * breaks where it did. A chapter's last page ends where its text ends.
 */
import type { Page } from 'puppeteer';
import { pageBreaks, type TextBlock } from './float-decisions.ts';
import { flowBlocks, type PlacedBlock } from './flow-layout.ts';

/**
 * How much each kind of gap may take, in points, and its share of a page's empty foot. A reader
 * sees a space that changes from page to page before a page a little short: never between
 * paragraphs (review 43 T1: "4.5 to 10.5 pt from page to page"), and above a heading or around a
 * figure at most 3 pt (review 44 #1: up to 24 pt more above headings read as "twice the default").
 */
const gaps = { heading: { weight: 1, max: 3 }, float: { weight: 1, max: 3 }, afterFloat: { weight: 1, max: 3 } };

/** What is left empty, in points, so a rounding in the layout never pushes the last line over. */
const slack = 2;

/** Extra space above blocks, in points: block index → points. */
export function pageStretch(placed: PlacedBlock[], block: TextBlock): Map<number, number> {
  const extra = new Map<number, number>();
  // only a page whose next block, of the same chapter, opens the next page
  for (const { page, depth } of pageBreaks(placed, block)) {
    const room = depth - slack;
    if (room <= 0) continue;
    // the gaps above the blocks that start on the page: not above its first (a margin at a page's top is dropped), nor between a heading and what it heads
    const kinds = placed.flatMap((b, i) => {
      if (b.startPage !== page || i === 0 || placed[i - 1].endPage !== page || placed[i - 1].kind === 'heading') return [];
      const gap = b.kind === 'text' ? (placed[i - 1].kind === 'float' ? gaps.afterFloat : undefined) : gaps[b.kind];
      return gap ? [{ index: b.index, gap }] : [];
    });
    // by weight; what a gap cannot take (its limit) goes to the others
    let open = kinds;
    for (let left = room; left > 0.01 && open.length; ) {
      const share = left / open.reduce((w, k) => w + k.gap.weight, 0);
      for (const k of open) extra.set(k.index, Math.min(k.gap.max, (extra.get(k.index) ?? 0) + share * k.gap.weight));
      left = room - kinds.reduce((s, k) => s + (extra.get(k.index) ?? 0), 0);
      open = open.filter((k) => extra.get(k.index)! < k.gap.max);
    }
  }
  return extra;
}

/** Runs in the page: adds `extra` (block index → points) to the space above those blocks of the chapters. */
export async function stretchGaps(page: Page, extra: Map<number, number>): Promise<void> {
  if (!extra.size) return;
  await page.evaluate((extra: [number, number][], flow: string) => {
    // the blocks as flow-layout.ts's markFlow counts them
    const blocks = [...document.querySelectorAll(flow)].filter((el) => getComputedStyle(el).display !== 'none');
    for (const [i, pt] of extra) {
      const el = blocks[i] as HTMLElement;
      const prev = el.previousElementSibling;
      // the margin above is the larger of the two that meet (they collapse): set it to that gap plus the extra
      const gap = Math.max(parseFloat(getComputedStyle(el).marginTop), prev ? parseFloat(getComputedStyle(prev).marginBottom) : 0);
      el.style.marginTop = `${gap + pt / 0.75}px`;
    }
  }, [...extra], flowBlocks);
}
