import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { anchorPages, chapterBody } from '../../pipeline/site/chapter-pages.ts';
import type { Numbering, RenderedChapter } from '../../pipeline/render/render-chapters.ts';

const el = (tagName: string, properties: Record<string, string>, text = '') => ({ type: 'element' as const, tagName, properties, children: text ? [{ type: 'text' as const, value: text }] : [] });

function chapter(number: number, children: Root['children']): RenderedChapter {
  return { id: `c${number}`, file: `chapters/0${number}.md`, number, numeral: String(number), label: `${number}、`, title: `t${number}`, anchor: `ch-${number}`, sections: [], hast: { type: 'root', children } };
}

const one = chapter(1, [el('h2', { id: 'sec-1-1' }, 'a'), el('p', {}, ''), el('figure-slot', { dataKind: 'figure', dataId: 'size' })]);
const two = chapter(2, [el('p', {}, ''), el('a', { href: '#fig-size' }, '图1-1'), el('a', { href: '#sec-2-1' }, 'here'), el('h2', { id: 'sec-2-1' }, 'b'), el('a', { href: 'https://example.org/' }, 'out')]);
const numbering = new Map<string, Numbering>([['size', { kind: 'figure', id: 'size', label: '图1-1', anchor: 'fig-size', chapter: 1 }]]);

describe('a chapter as a page of the site', () => {
  it('points a cross-reference to another chapter at that chapter\'s page, and leaves the others as they are', () => {
    const html = chapterBody(two, anchorPages([one, two], numbering), () => '');
    expect(html).toContain('<a href="ch-1.html#fig-size">图1-1</a>');
    expect(html).toContain('<a href="#sec-2-1">here</a>');
    expect(html).toContain('<a href="https://example.org/">out</a>');
  });

  it('fills each figure slot with the site\'s figure, and leaves the cached tree untouched', () => {
    const html = chapterBody(one, anchorPages([one, two], numbering), (kind, id) => `<figure data-${kind}="${id}"></figure>`);
    expect(html).toContain('<figure data-figure="size"></figure>');
    expect(one.hast.children[2]).toMatchObject({ tagName: 'figure-slot' });
  });

  it('keeps a {{see}} pointer as a link to its section\'s page, without the printed page it names (the web has none)', () => {
    const pointer = { type: 'element' as const, tagName: 'a', properties: { className: ['see'], href: '#sec-1-1' }, children: [el('span', { className: 'see-target' }, '→ 1.1节'), { ...el('span', { className: 'see-page' }, ' · 第'), children: [{ type: 'text' as const, value: ' · 第' }, el('span', { className: 'page-of', dataFor: 'sec-1-1' }, '1'), { type: 'text' as const, value: '页' }] }] };
    const html = chapterBody(chapter(0, [el('p', {}, '发现。'), pointer]), anchorPages([one, two], numbering), () => '');
    expect(html).toContain('<a class="see" href="ch-1.html#sec-1-1"><span class="see-target">→ 1.1节</span></a>');
    expect(html).not.toContain('页');
  });
});
