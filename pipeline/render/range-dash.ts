/**
 * The dash of a year range in a heading (2025—2030年). In the sans headings, bold, U+2014 is a thin
 * stroke one em wide at the ideographs' middle: it reads as 一 ("2025一2030", review 31 #21). Marked
 * here, print.css sets it in the body's serif, regular and full size: the text's own dash, which the
 * bold sans 一 beside it does not resemble (set at 0.6 em it read as a hyphen, review 33 #2.3); the
 * text keeps U+2014 (GB/T 15834 4.13), so copying and searching find the same range.
 * The zh-Hant edition's ranges take ～ and are not marked.
 */
import type { Element, ElementContent, Root as Hast } from 'hast';
import { escapeHtml } from '../core/escape.ts';

const dash = /(?<=\d)—(?=\d|$)/gu;
const hasDash = new RegExp(dash.source, 'u'); // the same pattern for a test: a global one carries lastIndex between calls
const span = (): Element => ({ type: 'element', tagName: 'span', properties: { className: ['range-dash'] }, children: [{ type: 'text', value: '—' }] });

/** Every heading's range dashes, in a chapter's tree. */
export function markHeadingRangeDashes(tree: Hast): void {
  const mark = (el: Element) => {
    el.children = el.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') {
        mark(child);
        return [child];
      }
      if (child.type !== 'text' || !hasDash.test(child.value)) return [child];
      return child.value.split(dash).flatMap((part, i): ElementContent[] => [...(i > 0 ? [span()] : []), ...(part ? [{ type: 'text' as const, value: part }] : [])]);
    });
  };
  const visit = (node: Hast | Element) => {
    for (const child of node.children) if (child.type === 'element') (/^h[1-6]$/.test(child.tagName) ? mark : visit)(child);
  };
  visit(tree);
}

/** A heading's words as HTML for the templates (the contents, a chapter's title): escaped, its range dashes marked. */
export const headingHtml = (text: string) => escapeHtml(text).replace(dash, '<span class="range-dash">—</span>');
