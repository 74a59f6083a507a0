/**
 * GB/T 7714's 顺序编码制 in the text: where a section first names a publication of the reference list
 * (one of its entry's `cited_as` phrases), a superscript [n] after the phrase links to the entry
 * (reviews 47, 48: a list of references with no marker in the text could not be traced to a claim).
 * The phrase is found in a paragraph's text as read, across the spans punctuation and figures are set
 * in, and the mark goes right after its last character, held on one line with it (a line never starts
 * with a bare [n]).
 */
import type { Element, ElementContent, Text } from 'hast';
import { closeBracketClass, closingPunctuation } from './header-bracket.ts';
import { referenceAnchor } from './reference-list.ts';
import type { RenderedChapter } from './render-chapters.ts';

export interface Citable {
  /** [n] as the reference list numbers it */
  number: number;
  /** the phrases by which the text names it */
  phrases: string[];
}

const closing = new RegExp(`^[${closingPunctuation}]$`, 'u');

/** Blocks whose text is searched; headings and captions are not cited from. */
const blocks = new Set(['p', 'li']);

export function markCitations(chapters: RenderedChapter[], citable: Citable[]): void {
  for (const ch of chapters) {
    if (ch.part === 'front') continue;
    // marked once per section: the reader finds the source at its first mention there
    let marked = new Set<number>();
    for (const node of ch.hast.children) {
      if (node.type !== 'element') continue;
      if (/^h[1-4]$/.test(node.tagName)) marked = new Set();
      for (const block of blocksIn(node)) {
        for (const c of citable) {
          if (marked.has(c.number)) continue;
          if (markAfterFirst(block, c)) marked.add(c.number);
        }
      }
    }
  }
}

function blocksIn(el: Element): Element[] {
  if (blocks.has(el.tagName)) return [el];
  return el.children.flatMap((c) => (c.type === 'element' ? blocksIn(c) : []));
}

/** The block's text nodes in reading order, each with its parent and where its text starts. */
function textsOf(el: Element, out: { node: Text; parent: Element; start: number }[] = [], at = { n: 0 }) {
  for (const c of el.children) {
    if (c.type === 'text') {
      out.push({ node: c, parent: el, start: at.n });
      at.n += c.value.length;
    } else if (c.type === 'element') textsOf(c, out, at);
  }
  return out;
}

function markAfterFirst(block: Element, c: Citable): boolean {
  const texts = textsOf(block);
  const whole = texts.map((t) => t.node.value).join('');
  const found = c.phrases.map((p) => ({ p, i: whole.indexOf(p) })).filter((f) => f.i >= 0).sort((a, b) => a.i - b.i)[0];
  if (!found) return false;
  const end = found.i + found.p.length;
  const t = texts.find((x) => x.start < end && end <= x.start + x.node.value.length)!;
  const cut = end - t.start;
  const mark: Element = {
    type: 'element',
    tagName: 'sup',
    properties: { className: ['cite'] },
    children: [{ type: 'element', tagName: 'a', properties: { href: `#${referenceAnchor(c.number)}` }, children: [{ type: 'text', value: `[${c.number}]` }] }],
  };
  const last = [...t.node.value.slice(0, cut)].at(-1)!;
  // a closing quote or bracket before the mark is set half-width: its glyph's blank right half left a hole before [n] (review 49, 2.2)
  const lastNode: ElementContent = closing.test(last) ? { type: 'element', tagName: 'span', properties: { className: [closeBracketClass] }, children: [{ type: 'text', value: last }] } : { type: 'text', value: last };
  const held: Element = { type: 'element', tagName: 'span', properties: { className: ['nb'] }, children: [lastNode, mark] };
  const rest: ElementContent[] = cut < t.node.value.length ? [{ type: 'text', value: t.node.value.slice(cut) }] : [];
  const index = t.parent.children.indexOf(t.node);
  t.node.value = t.node.value.slice(0, cut - last.length);
  t.parent.children.splice(index + 1, 0, held, ...rest);
  return true;
}
