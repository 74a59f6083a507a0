/** Paragraphs too short to split (issue 14): marked so they move whole. */
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { ems, markShortBlocks } from '../../pipeline/render/short-blocks.ts';

const p = (text: string) => ({ type: 'element' as const, tagName: 'p', properties: {}, children: [{ type: 'text' as const, value: text }] });
const classes = (tree: Root) => tree.children.map((c) => (c.type === 'element' ? (c.properties.className as string[] | undefined) ?? [] : []));

describe('short blocks', () => {
  it('measures Chinese at one em a character and Latin and digits at about half', () => {
    expect(ems('跨界合作')).toBe(4);
    expect(ems('AI 2024')).toBeCloseTo(3.85);
  });

  it('marks a paragraph of three lines or fewer, not a longer one, and list items alike', () => {
    const three = '字'.repeat(120); // three lines of the 44-em measure, with the indent
    const four = '字'.repeat(140);
    const tree: Root = { type: 'root', children: [p(three), p(four), { type: 'element', tagName: 'ol', properties: {}, children: [{ type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: '短' }] }] }] };
    markShortBlocks(tree);
    expect(classes(tree).slice(0, 2)).toEqual([['short'], []]);
    const li = (tree.children[2] as { children: { properties: { className: string[] } }[] }).children[0];
    expect(li.properties.className).toEqual(['short']);
  });

  it('marks the paragraph under a heading of up to four lines (orphans 3 and widows 2 cannot split it), not one of five, nor a four-line one elsewhere', () => {
    const h3 = { type: 'element' as const, tagName: 'h3', properties: {}, children: [{ type: 'text' as const, value: '银发群体' }] };
    const four = '字'.repeat(160); // four lines of the 44-em measure, with the indent
    const five = '字'.repeat(200);
    const tree: Root = { type: 'root', children: [h3, p(four), p(four), h3, p(five), p('结')] };
    markShortBlocks(tree);
    expect(classes(tree)).toEqual([[], ['short'], [], [], [], ['short']]);
  });

  it("marks a chapter's closing paragraph of up to five lines (widows 4 cannot split it), not one of six, nor a five-line one that does not close", () => {
    const five = '字'.repeat(200); // five lines of the 44-em measure, with the indent
    const six = '字'.repeat(240);
    const closing: Root = { type: 'root', children: [p(five), p(five)] };
    markShortBlocks(closing);
    expect(classes(closing)).toEqual([[], ['short']]);
    const long: Root = { type: 'root', children: [p(six)] };
    markShortBlocks(long);
    expect(classes(long)).toEqual([[]]);
  });
});
