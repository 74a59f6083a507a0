/**
 * Last-line control (issue 14): a paragraph never ends with a line of one or two characters
 * ("化。" alone). text-wrap: pretty (print.css) only lowers their number, so the last characters
 * of every paragraph and list item are bound into one unbreakable span (class "nb", nowrap): its
 * last line holds at least `min` characters, its closing punctuation not counted. Three, not four:
 * a four-character run pushed whole to the last line left the line before it letter-spaced
 * (0.132 em between characters on the report's page 17; three leaves at most 0.11). Decided on the
 * tree (after another edition's conversion), so the same input always breaks the same way; binding twice changes nothing.
 */
import type { Element, ElementContent, Root as Hast } from 'hast';
import { toString } from 'hast-util-to-string';

/** Characters that count toward a line's length: not punctuation, not spaces. */
const counted = (ch: string) => !/[\s\p{P}]/u.test(ch);

/** Binds the last `min` characters of each top-level paragraph and list item (a list item's last paragraph). */
export function bindLastCharacters(tree: Hast, min = 3): void {
  const blocks: Element[] = [];
  for (const node of tree.children) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'p') blocks.push(node);
    if (node.tagName === 'ol' || node.tagName === 'ul')
      for (const li of node.children) {
        if (li.type !== 'element' || li.tagName !== 'li') continue;
        const last = [...li.children].reverse().find((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()));
        blocks.push(last?.type === 'element' && last.tagName === 'p' ? last : li);
      }
  }
  for (const block of blocks) bind(block, min);
}

const count = (node: ElementContent | Element) => [...toString(node)].filter(counted).length;

function bind(block: Element, min: number): void {
  // a block shorter than twice the bound fits on a line or two: binding it would move it whole
  if (count(block) < 2 * min) return;
  const kids = block.children;
  // already bound (a cached chapter's tree is bound once per build)
  const end = kids[kids.length - 1];
  if (end?.type === 'element' && Array.isArray(end.properties.className) && end.properties.className.includes('last')) return;
  let need = min;
  let k = kids.length; // where the bound run starts
  let split: { head: string; tail: string } | undefined;
  while (k > 0 && need > 0) {
    const kid = kids[k - 1];
    if (kid.type === 'element' && (kid.tagName === 'ol' || kid.tagName === 'ul')) return; // an item ending in a list: leave it
    k -= 1;
    if (kid.type !== 'text') {
      if (kid.type !== 'element') continue;
      const n = count(kid);
      // a long element (a text datum, a link) bound whole could make a line that cannot break: leave the block
      if (n > 4 * min) return;
      need -= n;
      continue;
    }
    const chars = [...kid.value];
    let cut = chars.length;
    while (cut > 0 && need > 0) if (counted(chars[--cut])) need -= 1;
    // opening punctuation (“ 《 （) goes with the run it opens
    while (cut > 0 && /[“‘《（「『〈【]/u.test(chars[cut - 1])) cut -= 1;
    if (cut > 0) split = { head: chars.slice(0, cut).join(''), tail: chars.slice(cut).join('') };
  }
  if (k === 0 && !split) return; // the whole block would be one unbreakable run
  const run = kids.slice(k);
  if (split) run[0] = { type: 'text', value: split.tail };
  block.children = [...kids.slice(0, k), ...(split ? [{ type: 'text' as const, value: split.head }] : []), { type: 'element', tagName: 'span', properties: { className: ['nb', 'last'] }, children: run }];
}
