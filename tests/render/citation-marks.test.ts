/** GB/T 7714's 顺序编码制 in the text: a [n] after a section's first naming of a publication (reviews 47, 48). */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { markCitations } from '../../pipeline/render/citation-marks.ts';
import type { RenderedChapter } from '../../pipeline/render/render-chapters.ts';

const text = (value: string) => ({ type: 'text' as const, value });
const el = (tagName: string, ...children: Element['children']): Element => ({ type: 'element', tagName, properties: {}, children });
const chapter = (...children: Element[]) => ({ anchor: 'ch-1', hast: { type: 'root', children } as Root }) as unknown as RenderedChapter;
const nbs = { number: 1, phrases: ['国家统计局的数据'] };

describe('citation marks', () => {
  it('sets [n] after the first naming in each section, held on one line with the phrase\'s last character, linked to the entry', () => {
    const ch = chapter(el('h3', text('1.1.1')), el('p', text('国家统计局的数据印证了这一判断；国家统计局的数据还显示')), el('h3', text('1.1.2')), el('p', text('据国家统计局的数据')));
    markCitations([ch], [nbs]);
    expect(toHtml(ch.hast)).toBe(
      '<h3>1.1.1</h3><p>国家统计局的数<span class="nb">据<sup class="cite"><a href="#ref-1">[1]</a></sup></span>印证了这一判断；国家统计局的数据还显示</p>' +
        '<h3>1.1.2</h3><p>据国家统计局的数<span class="nb">据<sup class="cite"><a href="#ref-1">[1]</a></sup></span></p>',
    );
  });

  it('finds a phrase split across the spans punctuation is set in, and leaves headings and the front matter alone', () => {
    const quoted = el('p', text('据'), el('span', text('《')), text('数据安全法》要求'));
    const ch = chapter(el('h3', text('《数据安全法》')), quoted);
    const front = { ...chapter(el('p', text('《数据安全法》'))), part: 'front' } as RenderedChapter;
    markCitations([ch, front], [{ number: 6, phrases: ['《数据安全法》'] }]);
    // the closing 》 before the mark set half-width (.close-bracket: review 49, 2.2)
    expect(toHtml(ch.hast)).toBe('<h3>《数据安全法》</h3><p>据<span>《</span>数据安全法<span class="nb"><span class="close-bracket">》</span><sup class="cite"><a href="#ref-6">[6]</a></sup></span>要求</p>');
    expect(toHtml(front.hast)).toBe('<p>《数据安全法》</p>');
  });
});
