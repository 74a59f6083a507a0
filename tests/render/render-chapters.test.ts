import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { checkChapters } from '../../pipeline/check/check-chapters.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import { fixtureData, vocabulary } from '../helpers/vocabulary.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { parseChapters } from '../../pipeline/check/parse-chapter.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { dataKeyOf, numberPlacements, renderChapters } from '../../pipeline/render/render-chapters.ts';
import { buildContext } from '../../pipeline/check/data-context.ts';
import { readdirSync } from 'node:fs';
import { fixtureDir } from '../helpers/fixture.ts';
import { figureGroups, listOfFigures } from '../../pipeline/render/front-matter.ts';

const enc = new TextEncoder();
const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const data = fixtureData();
const known = { figure: new Set(['platform-share']), table: new Set(['share-table']) };

function render(...bodies: string[]) {
  const files = bodies.map((b, i) => ({ path: `chapters/0${i + 1}-c${i}.md`, bytes: enc.encode(`---\nid: c${i}\ntitle: 第${'一二三'[i]}章\n---\n${b}`) }));
  const { chapters, diagnostics } = parseChapters(files);
  const checked = checkChapters(chapters, data.nodes, known, vocabulary);
  if ([...diagnostics, ...checked.diagnostics].length) throw new BuildError([...diagnostics, ...checked.diagnostics]);
  const rendered = renderChapters(chapters, data, numberPlacements(checked.placements, locale), locale);
  return rendered.map((r) => ({ ...r, html: toHtml(r.hast) }));
}

describe('render chapters', () => {
  it('re-renders only the chapters whose text or data changed (watch mode cache)', () => {
    const files = ['规模{{v market.ecommerce_size.y2024}}。\n', '份额{{pct platforms.share_2024.jd}}。\n'].map((b, i) => ({ path: `chapters/0${i + 1}-c${i}.md`, bytes: enc.encode(`---\nid: c${i}\ntitle: 章${i}\n---\n${b}`) }));
    const cache = new Map();
    const renderWith = (d: typeof data) => {
      const { chapters } = parseChapters(files);
      const checked = checkChapters(chapters, d.nodes, known, vocabulary);
      return renderChapters(chapters, d, numberPlacements(checked.placements, locale), locale, cache, (ch) => dataKeyOf(checked.usedBy.get(ch.file) ?? [], d));
    };
    const [a1, b1] = renderWith(data);
    const nodes = new Map(data.nodes);
    nodes.set('platforms.share_2024.jd', { ...(data.nodes.get('platforms.share_2024.jd') as object), value: 21.9 } as never);
    const [a2, b2] = renderWith({ ...data, nodes, context: buildContext(nodes) });
    expect(a2).toBe(a1); // chapter 1 does not read the changed figure
    expect(b2).not.toBe(b1);
    expect(toHtml(b2.hast)).toContain('21.9%');
  });

  it('wraps every bound figure in a span that names its datum', () => {
    const [c] = render('规模{{v market.ecommerce_size.y2024}}，提高{{pp market.social_share.y2024 market.social_share.y2023}}。\n');
    expect(c.html).toBe('<p class="short">规模<span class="d" data-path="market.ecommerce_size.y2024">15.3万亿元</span>，提高<span class="d" data-path="market.social_share.y2024 market.social_share.y2023">3.2个百分点</span>。</p>');
  });

  it('prints data strings as literal text, whatever Markdown or HTML they contain', () => {
    const [c] = render('{{market.motto}}\n');
    expect(c.html).toContain('&#x3C;script>alert(1)&#x3C;/script> **不是粗体** {{不是模板}} [不是链接](http://x)');
    expect(c.html).not.toContain('<strong>');
    expect(c.html).not.toContain('<a ');
  });

  it('drops soft line breaks next to Chinese, keeps them as spaces between Latin words', () => {
    const [c] = render('第一行中文\n第二行中文，\n{{v market.growth_2024}}\nand English\nwords。\n');
    expect(c.html).toContain('第一行中文第二行中文，<span class="d" data-path="market.growth_2024">8.2%</span>and English words。');
  });

  it('numbers sections and subsections from the chapter number, with stable ids', () => {
    const [, c] = render('正文\n', '## 甲\n\n### 子\n\n### 丑\n\n## 乙\n');
    expect(c.sections.map((s) => `${s.id} ${s.number} ${s.title}`)).toEqual(['sec-2-1 2.1 甲', 'sec-2-1-1 2.1.1 子', 'sec-2-1-2 2.1.2 丑', 'sec-2-2 2.2 乙']);
    expect(c.html).toContain('<h2 id="sec-2-1"><span class="num">2.1</span> 甲</h2>'); // a space after the number: bookmarks read "2.1 甲"
  });

  it('numbers figures and tables per chapter and writes references as links, forward ones too, one to another chapter with its page', () => {
    const [a, b] = render('见{{ref "share-table"}}和{{ref "platform-share"}}。\n', '{{table "share-table"}}\n\n{{figure "platform-share"}}\n\n如{{ref "platform-share"}}所示。\n');
    // the page is an empty slot the page map fills (，第17页), as {{at}}'s is
    const page = (anchor: string) => `<span class="see-page">，第<span class="page-of" data-for="${anchor}"></span>页</span>`;
    expect(a.html).toBe(`<p class="short">见<a class="xref" href="#tab-share-table">表2-1${page('tab-share-table')}</a>和<a class="xref" href="#fig-platform-share">图2-1${page('fig-platform-share')}</a>。</p>`);
    expect(b.html).toContain('<p class="short">如<a class="xref" href="#fig-platform-share">图2-1</a>所示。</p>');
    expect(b.html).toMatch(/^<figure-slot data-kind="table" data-id="share-table"><\/figure-slot>\n<figure-slot data-kind="figure" data-id="platform-share"><\/figure-slot>/);
  });

  it('finds stray headings and links even in otherwise plain prose (no shortcut misses them)', () => {
    const codes = (body: string) => {
      try {
        render(body);
        return [];
      } catch (e) {
        return (e as BuildError).diagnostics.map((d) => `${d.line} ${d.code}`);
      }
    };
    expect(codes('正文\n\n# 一级标题\n')).toEqual(['7 MD_HEADING']);
    expect(codes('正文\n\n#### 四级标题\n')).toEqual(['7 MD_HEADING']);
    expect(codes('正文\n\n标题\n===\n')).toEqual(['7 MD_HEADING']);
    expect(codes('联系 someone@example.com 获取数据。\n')).toEqual(['5 MD_LINK']);
    expect(codes('## 小节\n\n### 小小节\n\n正文，没有可疑之处。\n')).toEqual([]);
  });

  it('rejects raw HTML, images, tables and links to files, with their lines', () => {
    try {
      render('正文\n\n<div>x</div>\n\n![图](/etc/passwd)\n\n[文件](file:///etc/passwd) [上级](../../secret)\n\n| a | b |\n|---|---|\n| c | d |\n');
      throw new Error('expected an error');
    } catch (e) {
      const msgs = (e as BuildError).diagnostics.map((d) => `${d.line} ${d.code}`);
      expect(msgs).toEqual(['7 MD_RAW_HTML', '9 MD_IMAGE', '11 MD_LINK', '11 MD_LINK', '13 MD_TABLE']);
    }
  });
});

describe('numbering figures and tables', () => {
  it('numbers no callout, but lists it in a group of its own: the chart after it is 图1-1, and a {{ref}} to a callout is an error at the ref (reviews 49–54, 56, 57)', () => {
    const known3 = { figure: new Set(['key-figures', 'platform-share']), table: new Set<string>(), callout: new Set(['key-figures']) };
    const files = [{ path: 'chapters/01-c.md', bytes: enc.encode('---\nid: c\ntitle: 第一章\n---\n## 节\n\n网购用户的增长余地已不大。\n\n{{figure "key-figures"}}\n\n见{{ref "platform-share"}}。\n\n{{figure "platform-share"}}\n') }];
    const { chapters } = parseChapters(files);
    const checked = checkChapters(chapters, data.nodes, known3, vocabulary);
    expect(checked.diagnostics).toEqual([]);
    const numbering = numberPlacements(checked.placements, locale, known3.callout);
    expect(numbering.get('key-figures')).toMatchObject({ label: '', anchor: 'fig-key-figures' });
    expect(numbering.get('platform-share')?.label).toBe('图1-1');
    const list = listOfFigures(numbering, [], []);
    expect(list.map((f) => [f.kind, f.label])).toEqual([['callout', ''], ['figure', '图1-1']]);
    expect(figureGroups(list).map((g) => [g.kind, g.entries.map((f) => f.anchor)])).toEqual([['figure', ['fig-platform-share']], ['callout', ['fig-key-figures']]]);
    const cited = [{ path: 'chapters/01-c.md', bytes: enc.encode('---\nid: c\ntitle: 第一章\n---\n## 节\n\n见{{ref "key-figures"}}。\n\n{{figure "key-figures"}}\n') }];
    const refs = checkChapters(parseChapters(cited).chapters, data.nodes, known3, vocabulary).diagnostics;
    expect(refs.map((d) => [d.code, d.line])).toEqual([['REF_TO_CALLOUT', 7]]);
    // a caption ending in a full-width bracket: the bracket set apart, so the list closes up its blank half before the leader
    const listed = listOfFigures(numbering, [{ id: 'platform-share', caption: '收入结构（占总收入比重）' } as never], []);
    expect(listed.filter((f) => f.closer).map((f) => [f.caption, f.closer])).toEqual([['收入结构（占总收入比重', '）']]);
  });
});
