/**
 * A paragraph that introduces the list after it ("研究兼用定量与定性方法，共四种："): marked `lead-in`
 * (print.css: break-after: avoid), so it is never the last line of a page with its list on the next
 * (review 33 #2.5: the heading and this line at the foot of a page, the four items over the page).
 * A lead-in is a top-level paragraph that ends in a colon and is followed by a list.
 */
import type { Element, Root as Hast } from 'hast';
import { toString } from 'hast-util-to-string';
import { addClass } from '../core/hast-class.ts';

const endsInColon = /[：:]\s*$/u;

export function markLeadIns(tree: Hast): void {
  const blocks = tree.children.filter((n): n is Element => n.type === 'element');
  blocks.forEach((el, i) => {
    const next = blocks[i + 1];
    if (el.tagName === 'p' && (next?.tagName === 'ol' || next?.tagName === 'ul') && endsInColon.test(toString(el))) addClass(el, 'lead-in');
  });
}
