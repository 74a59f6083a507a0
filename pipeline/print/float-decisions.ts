/**
 * Where a chart or table should stand so it leaves no hole at a page's foot (issue 14, review 41
 * T1: facing pages 90 pt apart in depth). Chromium has no floats in paged media: a figure too tall
 * for what is left of a page goes to the next one, and the space it did not fit in stays empty.
 * LaTeX would let the text run on and put the figure at the top of the next page; this is that
 * rule, decided from a layout probe: move the figure after the paragraphs that follow it (never
 * past a heading or another figure), enough of them to fill the hole, as long as it still fits on
 * the next page; when no text follows it in its section, move it before the paragraph (or two) it
 * follows if it fits on the page there. Pure functions of the probe's layout, so the same layout gives the
 * same placement.
 */
import type { PlacedBlock } from './flow-layout.ts';

/** The text block, in points below the page's top edge (render/page-map.ts textBlock). */
export interface TextBlock {
  top: number;
  bottom: number;
}

/** A hole this deep or shallower is left alone: three lines of body text (18 pt each). */
export const minHole = 54;

/** A move must make a hole at least this much shallower: two lines. */
const minGain = 36;

/** At most this many paragraphs move ahead of a figure: further on, it would stand too far from where the text calls for it. */
const maxAhead = 3;

/** At most this many paragraphs go after a figure that moves back: it stays on the page where the text calls for it. */
const maxBehind = 2;

/** The space between two blocks (a paragraph's bottom margin, 6 px). */
const gap = 4.5;

export interface Hole {
  /** the page (0-based) left with an empty foot */
  page: number;
  /** how much of its text block is empty, in points */
  depth: number;
  /** the index of the block that opens the next page */
  next: number;
}

export interface Move {
  /** the figure's id */
  float: string;
  /** how many text blocks it moves: forward (+) or back (−) */
  by: number;
}

/** Where a block ends a page and the next block of the same chapter opens the next one: each page left short, however little. */
export function pageBreaks(placed: PlacedBlock[], block: TextBlock): Hole[] {
  return placed.flatMap((b, i) => {
    const prev = placed[i - 1];
    if (!prev || prev.chapter !== b.chapter || b.startPage !== prev.endPage + 1) return [];
    return [{ page: prev.endPage, depth: block.bottom - prev.endBottom, next: i }];
  });
}

/** The page breaks that leave more than `minHole` empty. */
export const holes = (placed: PlacedBlock[], block: TextBlock): Hole[] => pageBreaks(placed, block).filter((h) => h.depth > minHole);

/** How much of a page's text block is empty below its last line; 0 when a block runs on to the next page. */
export function emptyFoot(placed: PlacedBlock[], page: number, block: TextBlock): number {
  if (placed.some((b) => b.startPage <= page && b.endPage > page)) return 0;
  const ends = placed.filter((b) => b.endPage === page).map((b) => b.endBottom);
  return ends.length ? block.bottom - Math.max(...ends) : 0;
}

/** A block's height were it set on one page. */
function height(b: PlacedBlock, block: TextBlock): number {
  if (b.startPage === b.endPage) return b.endBottom - b.startTop;
  return block.bottom - b.startTop + (b.endPage - b.startPage - 1) * (block.bottom - block.top) + (b.endBottom - block.top);
}

/** The move that fills `hole`, if a figure made it: the block opening the next page is one, or the first after the headings kept with it. */
export function chooseMove(placed: PlacedBlock[], hole: Hole, block: TextBlock): Move | undefined {
  const chapter = placed[hole.next].chapter;
  let at = hole.next;
  while (placed[at]?.kind === 'heading' && placed[at].chapter === chapter) at++;
  const figure = placed[at];
  if (!figure || figure.kind !== 'float' || figure.chapter !== chapter || !figure.id) return undefined;
  const figureHeight = height(figure, block);
  // the headings kept with the figure go back to the page with the text that follows them
  let filling = placed.slice(hole.next, at).reduce((h, b) => h + height(b, block) + gap, 0);
  let best: Move | undefined;
  for (let k = 1; k <= maxAhead; k++) {
    const text = placed[at + k];
    if (!text || text.kind !== 'text' || text.chapter !== chapter) break;
    filling += height(text, block) + gap;
    // what runs on to the next page, then the figure: it must still fit there
    if (Math.max(0, filling - hole.depth) + gap + figureHeight > block.bottom - block.top) break;
    best = { float: figure.id, by: k };
    if (filling >= hole.depth - minHole) return best;
  }
  if (best && filling >= minGain) return best;
  // nothing to move ahead of it: the figure goes before the paragraphs it follows on the page with the hole, as few as it takes to fit there
  if (at !== hole.next) return undefined;
  for (let k = 1; k <= maxBehind; k++) {
    const before = placed[at - k];
    if (!before || before.kind !== 'text' || before.chapter !== chapter || before.startPage !== hole.page) return undefined;
    // never between a heading and its section's first paragraph: the figure would come before the text that calls it (review 49, 2.7)
    if (placed[at - k - 1]?.kind === 'heading') return undefined;
    if (before.startTop + figureHeight <= block.bottom) return { float: figure.id, by: -k };
  }
  return undefined;
}

/**
 * Whether a move made things better, read from the probe after it: the figure stands whole on the
 * page it was meant for, the hole is at least two lines shallower, and the page after it is left
 * with no deeper hole than before (or one too shallow to count).
 */
export function improves(before: PlacedBlock[], after: PlacedBlock[], hole: Hole, move: Move, block: TextBlock): boolean {
  const figure = after.find((b) => b.id === move.float);
  const target = move.by > 0 ? hole.page + 1 : hole.page;
  if (!figure || figure.startPage !== target || figure.endPage !== target) return false;
  if (emptyFoot(after, hole.page, block) > hole.depth - minGain) return false;
  // a chapter's last page may end where it ends
  const next = endsChapter(after, hole.page + 1) ? 0 : emptyFoot(after, hole.page + 1, block);
  return next <= minHole || next <= emptyFoot(before, hole.page + 1, block);
}

/** Whether the last block on `page` is its chapter's last. */
function endsChapter(placed: PlacedBlock[], page: number): boolean {
  const last = placed.reduce((at, b, i) => (b.endPage === page ? i : at), -1);
  return last >= 0 && placed[last + 1]?.chapter !== placed[last].chapter;
}
