/**
 * Markdown → hast with the unified family; soft line breaks next to Chinese vanish. What
 * chapters may contain is checked before (check/check-prose.ts).
 */
import type { Root as Mdast, Text } from 'mdast';
import type { Root as Hast } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';

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
