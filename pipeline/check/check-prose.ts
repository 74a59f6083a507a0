/**
 * Chapters are prose: raw HTML, images, Markdown tables, links to anything but #anchors and
 * http(s) addresses, heading levels other than ## and ###, and lists or quotes nested deeper than
 * a report needs, and more headings than a chapter's contents can hold, are errors, with their position.
 */
import type { Root as Mdast, Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { diag, type Diagnostic, type Position } from '../core/errors.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** Lists and block quotes inside each other: a report's prose needs a few levels (issue 21: 1,000 levels took a minute to build). */
export const maxNesting = 8;
/** A line whose leading indentation and list/quote markers is longer than this nests too deep to parse at all. */
const maxContainerPrefix = 4 * maxNesting + 16;
/** Headings in one chapter: each is a line of the contents (issue 21: 100k of them ran the print out of time, blaming the browser); the longest chapter has 25. */
export const maxHeadings = 200;
const atxHeading = /^ {0,3}#{1,6}(?=[ \t]|$)/gm;
/** Lines in a row without a blank one: the Markdown parser's time grows with their square (issue 21: 50 000 lines, 30 s; 100 000, 96 s); the longest block of the report has 8. */
export const maxBlockLines = 200;

const containerPrefix = /^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/gm;

/**
 * Prose only. Reads the chapter as Handlebars renders it (rendered-prose.ts), so escaped braces
 * cannot hide a link; `where(offset)` maps an offset of `text` to the chapter's file, line and
 * column. There is no fast path: every chapter is parsed, so nothing skips the check.
 */
export function checkProse(text: string, where: (offset: number) => Position): Diagnostic[] {
  for (const m of text.matchAll(containerPrefix)) {
    if (m[0].length > maxContainerPrefix) return [diag('MD_TOO_DEEP', { depth: `more than ${maxNesting}`, max: maxNesting }, where(m.index!))];
  }
  const long = lineOverLongBlock(text);
  if (long !== undefined) return [diag('MD_BLOCK_TOO_LONG', { max: maxBlockLines }, where(long))];
  // counted before parsing too: tens of thousands of headings are refused at once, not after the parse
  let atx = 0;
  for (const m of text.matchAll(atxHeading)) if (++atx > maxHeadings) return [diag('MD_TOO_MANY_HEADINGS', { max: maxHeadings }, where(m.index!))];
  const mdast = parser.parse(text) as Mdast;
  const out: Diagnostic[] = [];
  const at = (node: Nodes) => where(node.position?.start.offset ?? 0);
  let headings = 0;
  visit(mdast, (node) => {
    switch (node.type) {
      case 'html':
        out.push(diag('MD_RAW_HTML', { snippet: node.value.slice(0, 40) }, at(node)));
        break;
      case 'image':
      case 'imageReference':
        out.push(diag('MD_IMAGE', { url: node.type === 'image' ? node.url : node.identifier }, at(node)));
        break;
      case 'definition':
      case 'link':
        if (!/^(#[\w-]+|https?:\/\/[^\s]+)$/.test(node.url)) out.push(diag('MD_LINK', { url: node.url }, at(node)));
        break;
      case 'table':
        out.push(diag('MD_TABLE', {}, at(node)));
        break;
      case 'heading':
        if (node.depth < 2 || node.depth > 3) out.push(diag('MD_HEADING', { depth: node.depth }, at(node)));
        if (++headings === maxHeadings + 1) out.push(diag('MD_TOO_MANY_HEADINGS', { max: maxHeadings }, at(node)));
        break;
    }
  });
  const deep = tooDeep(mdast);
  if (deep) out.push(diag('MD_TOO_DEEP', { depth: String(maxNesting + 1), max: maxNesting }, at(deep)));
  return out;
}

/** Where the first line past maxBlockLines non-blank lines in a row starts, if there is one. */
function lineOverLongBlock(text: string): number | undefined {
  let run = 0;
  for (let from = 0; from < text.length; ) {
    const end = text.indexOf('\n', from);
    const stop = end < 0 ? text.length : end;
    if (/\S/.test(text.slice(from, stop))) {
      if (++run > maxBlockLines) return from;
    } else run = 0;
    from = stop + 1;
  }
  return undefined;
}

/** The first list or quote nested more than maxNesting deep (lists and quotes counted together). */
function tooDeep(mdast: Mdast): Nodes | undefined {
  let found: Nodes | undefined;
  const walk = (node: Nodes, depth: number): void => {
    if (found) return;
    const d = node.type === 'list' || node.type === 'blockquote' ? depth + 1 : depth;
    if (d > maxNesting) {
      found = node;
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes, d);
  };
  walk(mdast, 0);
  return found;
}
