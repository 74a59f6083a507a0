/** Text: blocks read from report HTML, aligned between editions, diffed word by word (Chinese). */
import { describe, expect, it } from 'vitest';
import { diffText, diffWords, similarity } from '../../pipeline/diff/diff-text.ts';
import { readReport } from '../../pipeline/diff/read-report.ts';

const chapter = (body: string) =>
  `<!doctype html><html><head><title>t</title></head><body><section class="cover"><p class="cover-date">2025-01-15</p></section>` +
  `<nav class="toc"><p>目录 1</p></nav><section class="chapter chapter-2" id="ch-2"><h1 id="ch-2-title"><span class="num">二、</span>竞争格局</h1>` +
  `<h2 id="sec-2-1"><span class="num">2.1</span>市场规模</h2>\n${body}\n</section></body></html>`;

const fig = (path: string, text: string) => `<span class="d" data-path="${path}">${text}</span>`;

describe('readReport', () => {
  const r = readReport(chapter(`<p>2024年规模达到${fig('market.size_2024', '15.3万亿元')}，
见<a class="xref" href="#fig-a">图2-1</a>。</p><figure class="chart" data-chart="a" data-hash="h1"><div class="chart-body"><svg><text>x</text></svg></div><figcaption><span class="label">图2-1</span>规模</figcaption><p class="source-note">数据来源：艾瑞咨询</p></figure>`));

  it('reads blocks in order with their place, leaving out the contents and the figures', () => {
    expect(r.blocks.map((b) => [b.part, b.tag, b.text])).toEqual([
      ['cover', 'p', '2025-01-15'],
      ['chapter', 'h1', '二、竞争格局'],
      ['chapter', 'h2', '2.1市场规模'],
      ['chapter', 'p', '2024年规模达到15.3万亿元，见图2-1。'],
    ]);
    expect(r.blocks[3]).toMatchObject({ chapter: '二、竞争格局', section: '2.1 市场规模', anchor: 'sec-2-1' });
  });

  it('keeps a bound figure, a cross-reference and a date one word each; a line break between Chinese is no space', () => {
    const words = r.blocks[3].words.map((w) => w.text);
    expect(words).toContain('15.3万亿元');
    expect(words).toContain('图2-1');
    expect(r.blocks[3].words.find((w) => w.text === '15.3万亿元')!.figure).toBe('market.size_2024');
    expect(r.blocks[0].words.map((w) => w.text)).toEqual(['2025-01-15']);
    expect(words).not.toContain(' ');
  });

  it('reads charts with their number, caption, source note and drawing', () => {
    expect(r.charts).toEqual([expect.objectContaining({ id: 'a', label: '图2-1', caption: '规模', sourceNote: '数据来源：艾瑞咨询', hash: 'h1', svg: '<svg><text>x</text></svg>' })]);
  });
});

describe('diffText', () => {
  const before = readReport(chapter(`<p>据艾瑞咨询统计，2024年市场规模达到${fig('m.size', '15.3万亿元')}，同比增长${fig('m.growth', '8.2%')}。增长势头进一步趋缓。</p>
<p>第二段没有变化。</p>
<p>这一段将被删去，内容与新段落完全不同。</p>
<p>最后一段也没有变化。</p>`)).blocks;
  const after = readReport(chapter(`<p>据艾瑞咨询统计，2024年市场规模达到${fig('m.size', '15.9万亿元')}，同比增长${fig('m.growth', '8.2%')}。增长势头明显放缓。</p>
<p>第二段没有变化。</p>
<p>直播电商成为新的增长来源。</p>
<p>新增的另一段话讲合作。</p>
<p>最后一段也没有变化。</p>`)).blocks;
  const changes = diffText(before, after);

  it('finds the changed paragraph and its changed sentences, word by word', () => {
    const changed = changes.filter((c) => c.kind === 'changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].sentences).toEqual([
      {
        before: '据艾瑞咨询统计，2024年市场规模达到15.3万亿元，同比增长8.2%。',
        after: '据艾瑞咨询统计，2024年市场规模达到15.9万亿元，同比增长8.2%。',
        pieces: [
          { op: 'equal', text: '据艾瑞咨询统计，2024年市场规模达到' },
          { op: 'delete', text: '15.3万亿元' },
          { op: 'insert', text: '15.9万亿元' },
          { op: 'equal', text: '，同比增长8.2%。' },
        ],
      },
      {
        before: '增长势头进一步趋缓。',
        after: '增长势头明显放缓。',
        // the segmenter cuts 趋缓 and 放缓 in two: the replacement takes whole words
        pieces: [
          { op: 'equal', text: '增长势头' },
          { op: 'delete', text: '进一步趋缓' },
          { op: 'insert', text: '明显放缓' },
          { op: 'equal', text: '。' },
        ],
      },
    ]);
    expect(changed[0].figures).toEqual([{ path: 'm.size', before: '15.3万亿元', after: '15.9万亿元' }]);
    expect(changed[0].after).toMatchObject({ section: '2.1 市场规模', index: 3 });
  });

  it('reports a rewritten paragraph as removed and added, and the removed one where it stood', () => {
    expect(changes.filter((c) => c.kind !== 'changed').map((c) => [c.kind, (c.after ?? c.before)!.text])).toEqual([
      ['removed', '这一段将被删去，内容与新段落完全不同。'],
      ['added', '直播电商成为新的增长来源。'],
      ['added', '新增的另一段话讲合作。'],
    ]);
    expect(changes.find((c) => c.kind === 'removed')!.nextIndex).toBe(5);
  });

  it('reports nothing for the same text, and pairs a one-for-one replacement', () => {
    expect(diffText(before, before)).toEqual([]);
    const a = readReport(chapter('<p>2025-01-15</p>')).blocks;
    const b = readReport(chapter('<p>2025-03-01</p>')).blocks;
    const [date] = diffText(a, b).filter((c) => (c.after ?? c.before)!.part === 'chapter');
    expect(date).toMatchObject({ kind: 'changed', pieces: [{ op: 'delete', text: '2025-01-15' }, { op: 'insert', text: '2025-03-01' }] });
  });

  it('measures similarity on words, not on white space and punctuation', () => {
    const w = (s: string) => readReport(chapter(`<p>${s}</p>`)).blocks[3].words;
    expect(similarity(w('市场规模扩大。'), w('市场规模扩大！'))).toBe(1);
    expect(similarity(w('市场规模扩大'), w('平台合作加深'))).toBe(0);
    expect(diffWords(w('甲乙'), w('甲乙')).map((s) => s.op)).toEqual(['equal']);
  });
});
