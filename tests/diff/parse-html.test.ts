/** Reading the pipeline's own HTML back: the tree, the source offsets, character references. */
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { decodeEntities, hasClass, parseHtml, textContent } from '../../pipeline/diff/parse-html.ts';

const elements = (node: { children: unknown[] }): Element[] =>
  (node.children as Element[]).flatMap((c) => (c.type === 'element' ? [c, ...elements(c)] : []));

describe('parseHtml', () => {
  const source = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>A &amp; B</title>',
    '<style id="page-furniture">@page { content: "<p>"; }</style></head>',
    '<body><!-- a comment --><p class="lead x">增长<span class="d" data-path="market.size_2024">15.3万亿元</span>，见<a class="xref" href="#fig-a">图1-1</a>。&#x3C;script&#x3E;</p>',
    '<figure data-chart="a"><svg viewBox="0 0 10 10"><path d="M0,0h1"/><text x="1">份额</text></svg><br></figure></p></body></html>',
  ].join('\n');
  const parsed = parseHtml(source);
  const all = elements(parsed.root);

  it('builds the tree: void and self-closing elements, raw text, a stray end tag ignored', () => {
    expect(all.map((e) => e.tagName)).toEqual(['html', 'head', 'meta', 'title', 'style', 'body', 'p', 'span', 'a', 'figure', 'svg', 'path', 'text', 'br']);
    const style = all.find((e) => e.tagName === 'style')!;
    expect(textContent(style)).toBe('@page { content: "<p>"; }');
    expect(textContent(all.find((e) => e.tagName === 'title')!)).toBe('A & B');
  });

  it('maps attributes to hast properties: className, dataPath, others as written', () => {
    const p = all.find((e) => e.tagName === 'p')!;
    expect(p.properties.className).toEqual(['lead', 'x']);
    expect(hasClass(p, 'lead')).toBe(true);
    const span = all.find((e) => e.tagName === 'span')!;
    expect(span.properties.dataPath).toBe('market.size_2024');
    expect(all.find((e) => e.tagName === 'figure')!.properties.dataChart).toBe('a');
    expect(all.find((e) => e.tagName === 'svg')!.properties.viewBox).toBe('0 0 10 10');
  });

  it('decodes character references in text', () => {
    const p = all.find((e) => e.tagName === 'p')!;
    expect(textContent(p)).toBe('增长15.3万亿元，见图1-1。<script>');
    expect(decodeEntities('&#60;&#x4e2d;&quot;&unknown;')).toBe('<中"&unknown;');
  });

  it('records every element\'s source offsets, so a paragraph serialises back to its own bytes', () => {
    for (const el of all) {
      const o = parsed.offsets.get(el)!;
      expect(source.slice(o.start, o.openEnd)).toMatch(new RegExp(`^<${el.tagName}\\b`));
      expect(o.start <= o.openEnd && o.openEnd <= o.closeStart && o.closeStart <= o.end).toBe(true);
    }
    const svg = all.find((e) => e.tagName === 'svg')!;
    const o = parsed.offsets.get(svg)!;
    expect(source.slice(o.start, o.end)).toBe('<svg viewBox="0 0 10 10"><path d="M0,0h1"/><text x="1">份额</text></svg>');
    const span = all.find((e) => e.tagName === 'span')!;
    const so = parsed.offsets.get(span)!;
    expect(toHtml(span)).toBe(source.slice(so.start, so.end));
  });
});
