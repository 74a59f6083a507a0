/**
 * A chapter's short closing section (本章小结) never alone on the chapter's last page (issue 14,
 * review 35 #2.2: 3.6, a heading and five lines, on a page 83 % empty, the page before 6 % empty).
 * Chromium has no page-fill control, so the printer asks the print where the section landed: when
 * it opens the chapter's last page, the chapter is printed again with the space around its
 * headings tightened (print.css `--h2-space-tight`, set through the furniture), which pulls the
 * section back onto the page before. The decision is read from the print without tightening, so
 * it does not depend on what an earlier build printed; a chapter the tightening does not help is
 * printed as it was (page-numbers.ts).
 */
import type { Element, Root as Hast } from 'hast';
import { toString } from 'hast-util-to-string';
import { textBlock, type PrintedPlaces } from './page-map.ts';
import type { RenderedChapter } from './render-chapters.ts';
import { ems, lineEm } from './short-blocks.ts';

export interface Closing {
  /** the chapter's anchor (ch-3) */
  chapter: string;
  /** the closing section's heading (sec-3-6) */
  anchor: string;
}

/** A closing section this long or shorter is "short": at most a third of the text block (about 38 lines of body text). */
const maxLines = 12;

/** Each chapter whose last section (its last h2 and what follows it) is text of at most `maxLines` lines, no figure or table. */
export function shortClosings(chapters: Pick<RenderedChapter, 'anchor' | 'hast'>[]): Closing[] {
  return chapters.flatMap((ch) => {
    const blocks = ch.hast.children.filter((n): n is Element => n.type === 'element');
    const at = blocks.map((el) => el.tagName).lastIndexOf('h2');
    if (at < 0 || typeof blocks[at].properties.id !== 'string') return [];
    const rest = blocks.slice(at + 1);
    if (rest.some((el) => !['p', 'ul', 'ol'].includes(el.tagName))) return [];
    // each paragraph or item starts a line and is indented about two em
    const lines = rest.flatMap(items).reduce((n, el) => n + Math.ceil((ems(toString(el)) + 2) / lineEm), 0);
    return lines <= maxLines ? [{ chapter: ch.anchor, anchor: blocks[at].properties.id as string }] : [];
  });
}

const items = (el: Element): Element[] => (el.tagName === 'p' ? [el] : el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li'));

/**
 * The chapters whose short closing section opens a page in this print: its heading is the first
 * thing in the text block (a heading moved to a new page has its destination at the page's top
 * edge, its margin dropped), so the page holds nothing else of the chapter before the next opens.
 */
export function strandedClosings(closings: Closing[], printed: PrintedPlaces): string[] {
  return closings.filter((c) => printed.destinations.has(c.anchor) && (printed.tops?.get(c.anchor) ?? Infinity) <= textBlock.top + 1).map((c) => c.chapter);
}
