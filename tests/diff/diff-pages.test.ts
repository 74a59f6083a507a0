/** Pages: per-page text of two PDFs, aligned; the running page label is not a change. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { diffPages, findPage, pageLabelPattern, pageTexts } from '../../pipeline/diff/diff-pages.ts';

const label = '第 {n} 页';
const page = (n: number, total: number, body: string) => `测试报告 第 ${n} 页 / ${total}\n${body}`;

describe('diffPages', () => {
  const before = [page(1, 3, '甲'), page(2, 3, '乙'), page(3, 3, '丙')];

  it('reports nothing for the same pages, nor for a page total that changed alone', () => {
    expect(diffPages(before, before, label)).toEqual({ before: 3, after: 3, changed: [], removed: [] });
    expect(diffPages(before, before.map((p) => p.replace('/ 3', '/ 4')), label).changed).toEqual([]);
  });

  it('reports an inserted page, not every page after it', () => {
    const after = [page(1, 4, '甲'), page(2, 4, '新'), page(3, 4, '乙'), page(4, 4, '丙')];
    expect(diffPages(before, after, label)).toEqual({ before: 3, after: 4, changed: [2], removed: [] });
  });

  it('reports a page whose text changed as changed, and a page that went away as removed', () => {
    expect(diffPages(before, [page(1, 3, '甲'), page(2, 3, '乙改'), page(3, 3, '丙')], label)).toEqual({ before: 3, after: 3, changed: [2], removed: [] });
    expect(diffPages(before, [page(1, 2, '甲'), page(2, 2, '丙')], label)).toEqual({ before: 3, after: 2, changed: [], removed: [2] });
  });

  it('leaves blank pages out: a blank verso that came or went is no change, and blanks do not pair with one another', () => {
    // a blank verso before 丙 came, and the one before 乙 went: the pages around them are unchanged
    expect(diffPages([page(1, 4, '甲'), '', page(3, 4, '乙'), page(4, 4, '丙')], [page(1, 4, '甲'), page(2, 4, '乙'), '', page(4, 4, '丙')], label)).toEqual({ before: 4, after: 4, changed: [], removed: [] });
    // a changed page between blanks is reported by its own number
    expect(diffPages(['', page(2, 3, '甲'), ''], ['', page(2, 3, '甲改'), ''], label)).toEqual({ before: 3, after: 3, changed: [2], removed: [] });
  });

  it('builds the page-label pattern from the locale', () => {
    expect('测试报告第3页/4正文第12页'.replace(pageLabelPattern(label), '')).toBe('测试报告正文');
    expect('目录（续）第iv页'.replace(pageLabelPattern(label), '')).toBe('目录（续）'); // the front matter's roman folios
  });

  it('takes a bare folio only at either end of a page, never the figures in it (第2版 and 15.9 stay)', () => {
    const bare = pageLabelPattern('{n}');
    expect('2二、展望市场规模为15.9万亿元'.replace(bare, '')).toBe('二、展望市场规模为15.9万亿元');
    expect('第2版（征求意见稿）规模15.9万亿元。12'.replace(bare, '')).toBe('第2版（征求意见稿）规模15.9万亿元。');
    expect('目录（续）iv'.replace(bare, '')).toBe('目录（续）');
    expect(diffPages(['第1版（征求意见稿）'], ['第2版（征求意见稿）'], '{n}').changed).toEqual([1]);
  });
});

describe('findPage', () => {
  const pages = ['封面 第2版', '版本信息 版本 第2版', '正文：市场规模达到15.9万亿元，同比', '增长8.2%。'];
  it('finds a text on its page, searching from the page of the text before it', () => {
    expect(findPage(pages, '第2版')).toBe(1);
    expect(findPage(pages, '第2版', 2)).toBe(2);
    expect(findPage(pages, '市场规模达到15.9万亿元，同比增长8.2%。', 2)).toBe(3); // runs over a page break: where it starts
    expect(findPage(pages, '不在任何一页')).toBeUndefined();
  });
});

describe('pageTexts', () => {
  it('reads the text of every page of a PDF', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const text of ['first page', 'second page']) doc.addPage([200, 200]).drawText(text, { x: 10, y: 100, size: 12, font });
    const texts = await pageTexts(await doc.save());
    expect(texts.map((t) => t.replace(/\s+/g, ''))).toEqual(['firstpage', 'secondpage']);
  });
});
