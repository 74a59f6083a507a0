/**
 * Paragraphs too short to split well (issue 14). Chromium breaks a paragraph of fewer lines than
 * orphans + widows (2 + 2 in print.css) anyway, leaving one line alone at the top or the bottom
 * of a page ("变化。" over a new page). A paragraph or list item of at most three lines is marked
 * `short` (print.css: break-inside: avoid), so it moves whole. Its length is estimated in em of
 * the body font: every CJK character and full-width mark is one em (text-metrics.ts), a Latin
 * letter or a digit about half of one; a slight overestimate only keeps a longer block whole.
 */
import type { Element, Root as Hast } from 'hast';
import { toString } from 'hast-util-to-string';
import { isFullWidth } from './text-metrics.ts';
import { addClass } from '../core/hast-class.ts';

/** Em per line of the text block: A4 less 2 × 21.65 mm of margin (print.css), at the body's 10.5 pt. */
export const lineEm = Math.floor(((210 - 2 * 21.65) * 72) / 25.4 / 10.5);
/** A first-line indent (p) or a list's padding (li), in em. */
const indentEm = 2;
const maxLines = 3;

export function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += isFullWidth(ch.codePointAt(0)!) ? 1 : 0.55;
  return n;
}

/**
 * A chapter's closing paragraph keeps four lines for the last page (print.css: widows 4), which a
 * paragraph of fewer than orphans + widows (2 + 4) lines cannot: Chromium then split it anyway, two
 * lines under 本章小结 and three over the page (review 33, chapter 3). Up to five lines it moves whole.
 */
const maxClosingLines = 5;

/**
 * The first block under a heading keeps three lines with it (print.css: orphans 3), so one of fewer
 * than 3 + 2 lines cannot split well either: Chromium left the last of four alone over the page
 * (review 57: 4.3.2's “2024年服务老人……68元。”). Up to four lines it moves whole.
 */
const maxHeadedLines = 4;

/** Marks the chapter's top-level paragraphs and list items of at most three lines `short` (four under a heading), and its closing paragraph of at most five. */
export function markShortBlocks(tree: Hast): void {
  const elements = tree.children.filter((n): n is Element => n.type === 'element');
  const closing = elements.at(-1);
  const mark = (el: Element, lines: number) => {
    if (ems(toString(el)) + indentEm > (el === closing && el.tagName === 'p' ? maxClosingLines : lines) * lineEm) return;
    addClass(el, 'short');
  };
  for (const [k, node] of elements.entries()) {
    // the block's limit, and its first item's for a list, when a heading stands right above it
    const first = /^h[23]$/.test(elements[k - 1]?.tagName ?? '') ? maxHeadedLines : maxLines;
    if (node.tagName === 'p') mark(node, first);
    if (node.tagName === 'ol' || node.tagName === 'ul') for (const [i, li] of node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').entries()) mark(li, i === 0 ? first : maxLines);
  }
}
