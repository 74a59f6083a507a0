/**
 * Markdown → hast with the unified family, plus the two rules chapters live by: prose only (no
 * raw HTML, images, tables or links to disk), and soft line breaks next to Chinese vanish.
 */
import type { Root as Mdast, Text } from 'mdast';
import type { Root as Hast } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { diag, type Diagnostic } from './errors.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** Wide characters: CJK ideographs, kana, fullwidth forms and CJK punctuation. */
const wide = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026\uE000-\uE0FF]/;

export function markdownToHast(markdown: string, clobberPrefix: string, footnoteLabel: string): Hast {
  const mdast = parser.parse(markdown) as Mdast;
  dropCjkSoftBreaks(mdast);
  // raw HTML never reaches the output: it is an error in the check, and dropped here regardless
  return toHast(mdast, { clobberPrefix, allowDangerousHtml: false, footnoteLabel, footnoteLabelTagName: 'p' }) as Hast;
}

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

/**
 * CommonMark turns a line break inside a paragraph into a space; between Chinese characters that
 * space would show. Following CSS Text 4's segment-break rule, drop it when a neighbour is wide;
 * text-autospace already puts the right gap between Chinese and Latin or digits.
 */
function dropCjkSoftBreaks(mdast: Mdast): void {
  visit(mdast, 'text', (node: Text) => {
    node.value = node.value.replace(/[ \t]*\n[ \t]*/g, (m, offset: number, s: string) => {
      const before = s[offset - 1] ?? '';
      const after = s[offset + m.length] ?? '';
      return wide.test(before) || wide.test(after) ? '' : ' ';
    });
  });
}
