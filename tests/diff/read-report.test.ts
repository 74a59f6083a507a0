/** Reading the pipeline's own HTML back (hast-util-from-html): the tree, character references, source positions. */
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { hasClass, parseHtml, sourceSpan } from '../../pipeline/diff/read-report.ts';

const elements = (node: { children: unknown[] }): Element[] =>
  (node.children as Element[]).flatMap((c) => (c.type === 'element' ? [c, ...elements(c)] : []));

describe('parseHtml', () => {
  const source = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>A &amp; B</title>',
    '<style id="page-furniture">@page { content: "<p>"; }</style></head>',
    '<body><!-- a comment --><p class="lead x">增长<span class="d" data-path="market.size_2024">15.3万亿元</span>，见<a class="xref" href="#fig-a">图1-1</a>。&#x3C;script&#x3E;</p>',
    '<figure data-chart="a"><svg viewBox="0 0 10 10"><path d="M0,0h1"/><text x="1">份额</text></svg><br></figure></body></html>',
    '',
  ].join('\n');
  const parsed = parseHtml(source);
  const all = elements(parsed.root);
  const byTag = (tag: string) => all.find((e) => e.tagName === tag)!;

  it('builds the tree: void and self-closing elements, raw text, SVG', () => {
    expect(all.map((e) => e.tagName)).toEqual(['html', 'head', 'meta', 'title', 'style', 'body', 'p', 'span', 'a', 'figure', 'svg', 'path', 'text', 'br']);
    expect(toString(byTag('style'))).toBe('@page { content: "<p>"; }');
    expect(toString(byTag('title'))).toBe('A & B');
  });

  it('maps attributes to hast properties: className, dataPath, SVG attributes', () => {
    const p = byTag('p');
    expect(p.properties.className).toEqual(['lead', 'x']);
    expect(hasClass(p, 'lead')).toBe(true);
    expect(byTag('span').properties.dataPath).toBe('market.size_2024');
    expect(byTag('figure').properties.dataChart).toBe('a');
    expect(byTag('svg').properties.viewBox).toBe('0 0 10 10');
  });

  it('decodes character references in text', () => {
    expect(toString(byTag('p'))).toBe('增长15.3万亿元，见图1-1。<script>');
  });

  it('knows where every element stands in the source, so a drawing is copied byte for byte and a paragraph serialises back to its own bytes', () => {
    for (const el of all) {
      const at = sourceSpan(el)!;
      expect(source.slice(at.start, at.end)).toMatch(new RegExp(`^<${el.tagName}\\b`, 'i'));
    }
    const svg = sourceSpan(byTag('svg'))!;
    expect(source.slice(svg.start, svg.end)).toBe('<svg viewBox="0 0 10 10"><path d="M0,0h1"/><text x="1">份额</text></svg>');
    const span = sourceSpan(byTag('span'))!;
    expect(toHtml(byTag('span'))).toBe(source.slice(span.start, span.end));
  });

  it('keeps in the body only what stands between its tags (the parser moves the white space after </body> into it)', () => {
    for (const [end, last] of [['</figure></body></html>\n', 'figure'], ['</figure>\n</body>\n</html>\n', '\n'], ['</figure>\n\n</body>', '\n\n']]) {
      const body = parseHtml(source.replace('</figure></body></html>\n', end)).root.children.flatMap((c) => (c.type === 'element' ? c.children : [])).find((c): c is Element => c.type === 'element' && c.tagName === 'body')!;
      const tail = body.children[body.children.length - 1];
      expect(tail.type === 'text' ? tail.value : (tail as Element).tagName).toBe(last);
    }
  });
});
