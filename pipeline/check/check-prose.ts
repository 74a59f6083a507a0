/**
 * Chapters are prose: raw HTML, images, Markdown tables, links to anything but #anchors and
 * http(s) addresses, and heading levels other than ## and ### are errors, with their position.
 */
import type { Root as Mdast } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { diag, type Diagnostic } from '../core/errors.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * A conservative fast path: text with none of the characters that start HTML, images, links,
 * link definitions, autolinks or tables, and no heading but ## and ###, cannot hold what the
 * check rejects, so it skips the parse. Anything that might is parsed in full.
 */
// '<' (HTML, autolinks), '[' (links, images, definitions, footnotes), '|' (tables), '@', '://', 'www.' (GFM autolinks), setext underlines
const plainProse = /[<[|@]|:\/\/|www\.|^ {0,3}(?:=+|-+)[ \t]*$/m;
// a heading other than "## " and "### "
const suspectHeading = /^ {0,3}(?:#|#{4,})(?:[ \t]|$)/m;

/**
 * Prose only: raw HTML, images, tables, links to disk and stray heading levels are errors. Runs
 * on the chapter source with every {{…}} masked, so positions are the file's own.
 */
export function checkProse(source: string, file: string, lineOffset: number): Diagnostic[] {
  const masked = source.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, 'x'));
  if (!plainProse.test(masked) && !suspectHeading.test(masked)) return [];
  const mdast = parser.parse(masked) as Mdast;
  const out: Diagnostic[] = [];
  visit(mdast, (node) => {
    const where = { file, line: (node.position?.start.line ?? 1) + lineOffset, column: node.position?.start.column ?? 1 };
    switch (node.type) {
      case 'html':
        out.push(diag('MD_RAW_HTML', { snippet: node.value.slice(0, 40) }, where));
        break;
      case 'image':
      case 'imageReference':
        out.push(diag('MD_IMAGE', { url: node.type === 'image' ? node.url : node.identifier }, where));
        break;
      case 'definition':
      case 'link':
        if (!/^(#[\w-]+|https?:\/\/[^\s]+)$/.test(node.url)) out.push(diag('MD_LINK', { url: node.url }, where));
        break;
      case 'table':
        out.push(diag('MD_TABLE', {}, where));
        break;
      case 'heading':
        if (node.depth < 2 || node.depth > 3) out.push(diag('MD_HEADING', { depth: node.depth }, where));
        break;
    }
  });
  return out;
}
