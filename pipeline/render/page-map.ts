/**
 * Printed page numbers. Chromium has no target-counter(), so the contents' numbers come from
 * where a print put each anchor; this is the layout's rule for turning those places into the
 * numbers the reader sees: chapter pages count from 1 (cover and front matter do not advance
 * the counter, see print.css).
 */

export interface PageMap {
  /** anchor → printed page number */
  tocPages: Record<string, string>;
  /** chapter pages in all */
  totalPages: number;
  /** pages before the first chapter (cover and front matter): they carry roman folios */
  frontPages: number;
  /** chapters (anchors) printed with the space around their headings tightened, so a short closing section is not alone on the last page (closing-sections.ts) */
  pulled?: string[];
  /** charts and tables printed away from where the chapter has them, so they leave no hole at a page's foot: id → blocks moved, forward (+) or back (−) (print/float-placement.ts) */
  floats?: Record<string, number>;
}

/**
 * The text block of a body page where a print's destinations measure it: in points below the text
 * block's top (Chromium writes them in the page area inside the margins), down to its foot: A4 less
 * print.css's @page margins (24 mm top, 22 mm bottom).
 */
export const textBlock = { top: 0, bottom: 841.89 - ((24 + 22) * 72) / 25.4 };

export const noPageNumbers: PageMap = { tocPages: {}, totalPages: 0, frontPages: 0 };

/** Where a print put things: anchor → PDF page index, and how many pages it has. */
export interface PrintedPlaces {
  destinations: Map<string, number>;
  pageCount: number;
  /** anchor → how far below its page's text block top it is, in points */
  tops?: Map<string, number>;
}

/** A page number is an anchor's page index minus the index of the first chapter page, plus one. */
export function pageMapOf(printed: PrintedPlaces, firstChapterAnchor: string | undefined): PageMap {
  const first = (firstChapterAnchor && printed.destinations.get(firstChapterAnchor)) || 0;
  const tocPages: Record<string, string> = {};
  for (const [id, index] of [...printed.destinations].sort(([a], [b]) => a.localeCompare(b))) tocPages[id] = String(index - first + 1);
  return { tocPages, totalPages: printed.pageCount - first, frontPages: first };
}

export function samePageMap(a: PageMap, b: PageMap): boolean {
  return a.totalPages === b.totalPages && a.frontPages === b.frontPages && (a.pulled ?? []).join() === (b.pulled ?? []).join() && JSON.stringify(a.floats ?? {}) === JSON.stringify(b.floats ?? {}) && JSON.stringify(sorted(a.tocPages)) === JSON.stringify(sorted(b.tocPages));
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
