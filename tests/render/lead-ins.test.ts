/** A paragraph introducing a list stays with it (review 33 #2.5). */
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { markLeadIns } from '../../pipeline/render/lead-ins.ts';

const p = (text: string) => ({ type: 'element' as const, tagName: 'p', properties: {}, children: [{ type: 'text' as const, value: text }] });
const list = { type: 'element' as const, tagName: 'ol', properties: {}, children: [{ type: 'element' as const, tagName: 'li', properties: {}, children: [{ type: 'text' as const, value: '文献研究法' }] }] };
const classes = (tree: Root) => tree.children.map((c) => (c.type === 'element' ? (c.properties.className as string[] | undefined) ?? [] : []));

describe('lead-ins', () => {
  it('marks a paragraph that ends in a colon and comes before a list, and no other', () => {
    const tree: Root = { type: 'root', children: [p('研究兼用定量与定性方法，共四种：'), { type: 'text', value: '\n' }, list, p('结论如下：'), p('方法有四：'), p('共三类。'), list] };
    markLeadIns(tree);
    // a text node between the paragraph and the list (a newline) does not separate them; a colon before a paragraph or a full stop before a list is no lead-in
    expect(classes(tree)).toEqual([['lead-in'], [], [], [], [], [], []]);
  });
});
