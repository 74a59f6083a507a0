/** Last-line control (issue 14): a paragraph's last characters are bound, so no last line holds fewer than three (four letter-spaced the line before: issue 14). */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { bindLastCharacters } from '../../pipeline/render/last-line.ts';

const text = (value: string) => ({ type: 'text' as const, value });
const el = (tagName: string, className: string[], ...children: Root['children']) => ({ type: 'element' as const, tagName, properties: className.length ? { className } : {}, children: children as never });
const root = (...children: Root['children']): Root => ({ type: 'root', children });

describe('binding the last characters of a paragraph', () => {
  it('binds the last three characters, punctuation not counted, opening punctuation with them', () => {
    const tree = root(el('p', [], text('跨界合作使平台能够借助其他行业的资源与能力弥补自身短板，形成“差异化优势”。')));
    bindLastCharacters(tree);
    expect(toHtml(tree)).toBe('<p>跨界合作使平台能够借助其他行业的资源与能力弥补自身短板，形成“差异<span class="nb last">化优势”。</span></p>');
    const quoted = root(el('p', [], text('跨界合作使平台能够借助其他行业的资源与能力，形成“新优势”。')));
    bindLastCharacters(quoted);
    expect(toHtml(quoted)).toBe('<p>跨界合作使平台能够借助其他行业的资源与能力，形成<span class="nb last">“新优势”。</span></p>');
  });

  it('takes a figure at the end whole (it counts its own characters)', () => {
    const tree = root(el('p', [], text('二〇二四年电商市场规模达到'), el('span', ['d'], el('span', ['nb'], text('15.3万')), text('亿元')), text('。')));
    bindLastCharacters(tree);
    expect(toHtml(tree)).toBe('<p>二〇二四年电商市场规模达到<span class="nb last"><span class="d"><span class="nb">15.3万</span>亿元</span>。</span></p>');
  });

  it('binds a list item\'s text, and leaves a short item, and an item ending in a list, alone', () => {
    const tree = root(el('ol', [], el('li', [], text('完善数据共享与利益分配机制。')), el('li', [], text('短句。')), el('li', [], text('先做以下几件事情：'), el('ul', [], el('li', [], text('一')))))) ;
    bindLastCharacters(tree);
    expect(toHtml(tree)).toBe('<ol><li>完善数据共享与利益分<span class="nb last">配机制。</span></li><li>短句。</li><li>先做以下几件事情：<ul><li>一</li></ul></li></ol>');
  });
});

describe('binding again', () => {
  it('changes nothing (a cached chapter is bound on every build)', () => {
    const tree = root(el('p', [], text('完善数据共享与利益分配机制，推动合作。')));
    bindLastCharacters(tree);
    const once = toHtml(tree);
    bindLastCharacters(tree);
    expect(toHtml(tree)).toBe(once);
  });
});
