/** Line breaks decided on the chapter's tree (issue 14): figures with their units, dashes, year ranges. */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { allowChineseBreaks, bindFigureCores, keepDashes, keepNames, keepReferenceLeads, keepTogether, normalizeFigureRanges, normalizeRanges, unbreakable } from '../../pipeline/render/keep-together.ts';
import { continuedAt, frontFolios, roman } from '../../pipeline/render/front-matter.ts';

const paragraph = (...children: Root['children']): Root => ({ type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: children as never }] });
const text = (value: string) => ({ type: 'text' as const, value });
const pattern = unbreakable(['亿人', '万家', '元/人', '%'], ['—']);

describe('keeping figures, units and dashes on one line', () => {
  it('keeps a typed figure with its short unit, a year, a range whole and a dash with the character before it', () => {
    const tree = paragraph(text('用户达到8.92亿人，2024年6月，超过50万家，搭建“战略—模式”，诉求——例如，80—100元/人。'));
    keepTogether(tree, pattern);
    // whole until the conversion (OpenCC converts a unit only whole: 分钟 → 分鐘), then narrowed to its core
    expect(toHtml(tree)).toContain('<span class="nb f">8.92亿人</span>');
    bindFigureCores(tree, ['—']);
    // a dash is held after the conversion too, so an override is never split at it
    expect(toHtml(tree)).toContain('搭建“战略—模式”');
    keepDashes(tree);
    keepDashes(tree); // holding twice changes nothing
    expect(toHtml(tree)).toBe(
      '<p>用户达到<span class="f"><span class="nb">8.92亿人</span></span>，<span class="f"><span class="nb">2024年</span></span><span class="f"><span class="nb">6月</span></span>，超过<span class="f"><span class="nb">50万家</span></span>，搭建“战<span class="nb">略—</span>模式”，诉<span class="nb">求——</span>例如，<span class="f"><span class="nb">80—100元/人</span></span>。</p>',
    );
  });

  it('keeps a cross-reference with the character before it (见|图2-1 broke across lines: reviews 47, 48), not with an opening bracket, which no line ends with (inside a nowrap run, one starting a line kept its full width)', () => {
    const xref = (label: string) => ({ type: 'element' as const, tagName: 'a', properties: { className: ['xref'], href: '#fig-x' }, children: [text(label)] });
    const tree = paragraph(text('历年增速见'), xref('图2-1'), text('；规模（'), xref('表2-1'), text('）。'), xref('图2-2'));
    keepReferenceLeads(tree);
    expect(toHtml(tree)).toBe('<p>历年增速<span class="nb">见<a class="xref" href="#fig-x">图2-1</a></span>；规模（<a class="xref" href="#fig-x">表2-1</a>）。<a class="xref" href="#fig-x">图2-2</a></p>');
    // a link opening its text has nothing before it to hold
    const first = paragraph(xref('图2-1'), text('显示'));
    keepReferenceLeads(first);
    expect(toHtml(first)).toBe('<p><a class="xref" href="#fig-x">图2-1</a>显示</p>');
  });

  it("holds the locale's short names whole (拼多|多, 《“十四|五”…》: review 62), the longest first, and leaves other quoted terms breakable", () => {
    const tree = paragraph(text('依据《“十四五”规划》，拼多多与阿里巴巴在“走进”计划中合作，拼多多再次出现。'));
    keepNames(tree, ['阿里', '阿里巴巴', '拼多多', '十四五']);
    expect(toHtml(tree)).toBe(
      '<p>依据《“<span class="nb">十四五</span>”规划》，<span class="nb">拼多多</span>与<span class="nb">阿里巴巴</span>在“走进”计划中合作，<span class="nb">拼多多</span>再次出现。</p>',
    );
    // a longer name breaks only where the locale says: 阿里|巴巴 is two held parts, a break between them
    const split = paragraph(text('阿里巴巴与阿里云、巴巴'));
    keepNames(split, ['阿里|巴巴']);
    expect(toHtml(split)).toBe('<p><span class="nb">阿里</span><span class="nb">巴巴</span>与阿里云、巴巴</p>');
    const untouched = paragraph(text('拼多多'));
    keepNames(untouched, []);
    expect(toHtml(untouched)).toBe('<p>拼多多</p>');
  });

  it('leaves bound figures and code to themselves', () => {
    const tree = paragraph({ type: 'element', tagName: 'span', properties: { className: ['d'] }, children: [text('2024年')] }, { type: 'element', tagName: 'code', properties: {}, children: [text('2024年')] });
    keepTogether(tree, pattern);
    expect(toHtml(tree)).toBe('<p><span class="d">2024年</span><code>2024年</code></p>');
  });

  it('holds a bound figure\'s number with a unit of up to three characters (50万户 is never 50万|户), of a longer one its first and its rest apart (3.2个|百分点, never 个百|分点): a qualifier before may break away', () => {
    const d = (value: string) => ({ type: 'element' as const, tagName: 'span', properties: { className: ['d'] }, children: [text(value)] });
    const tree = paragraph(d('突破1200亿元'), text('，'), d('3.2个百分点'), text('，'), d('8%—10%'), text('，'), d('20余年'), text('，'), d('15%以上'), text('，'), d('−2.5%'));
    bindFigureCores(tree, ['—']);
    expect(toHtml(tree)).toBe(
      '<p><span class="d">突破<span class="nb">1200亿元</span></span>，<span class="d"><span class="nb">3.2个</span><span class="nb">百分点</span></span>，<span class="d"><span class="nb">8%—10%</span></span>，<span class="d"><span class="nb">20余年</span></span>，<span class="d"><span class="nb">15%以上</span></span>，<span class="d"><span class="nb">−2.5%</span></span></p>',
    );
  });

  it('prints typed year ranges in the report\'s one range style', () => {
    const tree = paragraph(text('2024-2025年的走势，展望2026~2030年；电话010-12345678不变'));
    normalizeRanges(tree, '—');
    expect(toHtml(tree)).toBe('<p>2024—2025年的走势，展望2026—2030年；电话010-12345678不变</p>');
  });

  it('prints year ranges written with the 一字线 in another edition\'s style (zh-Hant 2025～2030年), and holds both kinds of range whole', () => {
    const tree = paragraph(text('2025—2030年'));
    normalizeRanges(tree, '～');
    expect(toHtml(tree)).toBe('<p>2025～2030年</p>');
    const both = unbreakable(['岁', '%'], ['～', '—']);
    expect('18～35岁，2024—2025年'.match(both)).toEqual(['18～35岁', '2024—2025年']);
  });

  it("prints a dash typed between two bound figures in the locale's range style, and leaves other dashes", () => {
    const figure = (v: string) => ({ type: 'element' as const, tagName: 'span', properties: { className: ['d'] }, children: [text(v)] });
    const tree = paragraph(text('高于'), figure('80'), text('—'), figure('100元/人'), text('的水平，“产品—服务”'), figure('5%'), text('——'), figure('8%'));
    normalizeFigureRanges(tree, '～');
    // the range held whole (review 33 #2.2), the double dash between two figures left as it is
    expect(toHtml(tree)).toBe('<p>高于<span class="nb"><span class="d">80</span>～<span class="d">100元/人</span></span>的水平，“产品—服务”<span class="d">5%</span>——<span class="d">8%</span></p>');
  });
});

describe('front matter numbers', () => {
  it('starts a continued page at the first entry on a later page', () => {
    expect(continuedAt(['t', 'a', 'b', 'c', 'd'], { t: '-3', a: '-3', b: '-3', c: '-2', d: '-2' })).toEqual(['c']);
    expect(continuedAt(['t', 'a'], { t: '-3', a: '-3' })).toEqual([]);
  });

  it('counts the front pages up to 0 so the first chapter page is 1, printed as roman folios', () => {
    expect(roman(4)).toBe('iv');
    expect(roman(9)).toBe('ix');
    expect(frontFolios(5)).toEqual({ coverIncrement: -4, firstValue: -4, symbols: ['i', 'ii', 'iii', 'iv', 'v'] });
  });
});

describe('break opportunities the browser misses: curly quotes, brackets after figures', () => {
  it('lets a line break after a closing quote before a figure and before an opening quote before Latin, adding no character', () => {
    const nb = (value: string) => ({ type: 'element' as const, tagName: 'span', properties: { className: ['nb'] }, children: [text(value)] });
    const tree = paragraph(text('京东的“智能供应链开放平台”'), nb('2024年'), text('服务，推出“5G+直播”与“产品—服务”，“AI”。'));
    allowChineseBreaks(tree);
    expect(toHtml(tree)).toBe('<p>京东的“智能供应链开放平台”<wbr><span class="nb">2024年</span>服务，推出<wbr>“5G+直播”与“产品—服务”，“AI”。</p>');
    // a quote at a node's edge, its neighbour in the next or previous node; an apostrophe in a Latin word is left alone
    const edges = paragraph(nb('2024年'), text('“AI+”'), nb('5G'), text('，China’s'));
    allowChineseBreaks(edges);
    expect(toHtml(edges)).toBe('<p><span class="nb">2024年</span><wbr>“AI+”<wbr><span class="nb">5G</span>，China’s</p>');
    // an opening bracket after a figure: 16.5%|（2023年…）, not after a Chinese character (breakable already)
    const bracket = paragraph(text('低于'), nb('16.5%'), text('（'), nb('2023年'), text('的规模见图1-1），达（2）'));
    allowChineseBreaks(bracket);
    expect(toHtml(bracket)).toBe('<p>低于<span class="nb">16.5%</span><wbr>（<span class="nb">2023年</span>的规模见图1-1），达（2）</p>');
    // the text is unchanged: copying and searching find what was written
    expect(toHtml(tree).replaceAll('<wbr>', '')).toBe('<p>京东的“智能供应链开放平台”<span class="nb">2024年</span>服务，推出“5G+直播”与“产品—服务”，“AI”。</p>');
  });
});
