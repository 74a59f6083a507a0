/** The redline transform: the new edition's HTML with insertions, deletions and changed figures marked in place. */
import { describe, expect, it } from 'vitest';
import { diffCharts, diffTables } from '../../pipeline/diff/diff-charts.ts';
import { diffText } from '../../pipeline/diff/diff-text.ts';
import { readReport } from '../../pipeline/diff/read-report.ts';
import { redlineHtml } from '../../pipeline/diff/redline.ts';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="white"/><text x="1" y="5">份额</text></svg>';
const doc = (body: string, svgText = svg, cell = '35.2%') =>
  `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n<link rel="stylesheet" href="../node_modules/x/400.css">\n<link rel="stylesheet" href="../templates/print.css">\n</head>\n<body>\n<section class="chapter chapter-1" id="ch-1"><h1 id="ch-1-title">一、市场</h1>\n${body}\n` +
  `<figure class="chart" id="fig-a" data-chart="a" data-hash="h">\n  <div class="chart-body">${svgText}</div>\n  <figcaption><span class="label">图1-1</span>份额</figcaption>\n</figure>\n` +
  `<figure class="table" id="tab-t" data-table="t"><figcaption><span class="label">表1-1</span>份额</figcaption><table><thead><tr><th>平台</th><th>份额</th></tr></thead><tbody><tr><td data-path="p.a">阿里巴巴</td><td data-path="p.a">${cell}</td></tr></tbody></table></figure>\n</section>\n</body>\n</html>\n`;

const fig = (t: string) => `<span class="d" data-path="m.size">${t}</span>`;

describe('redlineHtml', () => {
  const beforeHtml = doc(`<p>规模达到${fig('15.3万亿元')}，增速低于上年。</p>\n<p>这一段在新版中删去了，内容完全不同。</p>\n<p>不变的一段。</p>`);
  const afterHtml = doc(`<p>规模达到${fig('15.9万亿元')}。</p>\n<p>不变的一段。</p>\n<p>新增的段落。</p>`, svg.replace('份额', '市场份额'), '36.0%');
  const before = readReport(beforeHtml);
  const after = readReport(afterHtml);
  const html = redlineHtml({
    before,
    after,
    text: diffText(before.blocks, after.blocks),
    charts: diffCharts(before.charts, after.charts),
    tables: diffTables(before.tables, after.tables),
    stylesheet: '../../templates/redline.css',
    rebaseHref: (href) => `../${href}`,
  });

  it('marks a replaced figure: the old one struck where it stood, the new one inserted and highlighted', () => {
    expect(html).toContain('<p class="rl-changed">规模达到<del>15.3万亿元</del><span class="d rl-figure" data-path="m.size"><ins>15.9万亿元</ins></span><del>，增速低于上年</del>。</p>');
  });

  it('puts a removed paragraph back where it stood, struck through, and marks an added one', () => {
    expect(html).toMatch(/<p class="rl-changed">规模达到.*<\/p>\n?<p class="rl-removed"><del>这一段在新版中删去了，内容完全不同。<\/del><\/p>\n<p>不变的一段。<\/p>/);
    expect(html).toContain('<p class="rl-added"><ins>新增的段落。</ins></p>');
  });

  it('frames a changed chart, keeping its drawing byte for byte, and shows a changed cell\'s old and new value', () => {
    expect(html).toContain(`<figure class="chart rl-chart" id="fig-a" data-chart="a" data-hash="h">\n  <div class="chart-body">${svg.replace('份额', '市场份额')}</div>`);
    expect(html).toContain('<td data-path="p.a" class="rl-cell"><del>35.2%</del><ins>36.0%</ins></td>');
  });

  it('links the redline stylesheet and rebases the edition\'s own links; leaves everything else as it was', () => {
    expect(html).toContain('<link rel="stylesheet" href="../../node_modules/x/400.css">\n<link rel="stylesheet" href="../../templates/print.css">\n<link rel="stylesheet" href="../../templates/redline.css">\n</head>');
    // an href as the layout writes it (Handlebars escapes "="): read decoded, rebased, written escaped once
    const versioned = readReport(afterHtml.replace('print.css"', 'print.css?v&#x3D;1a2b&amp;x"'));
    const seen: string[] = [];
    const relinked = redlineHtml({ before: after, after: versioned, text: [], charts: [], tables: [], stylesheet: 'r.css', rebaseHref: (h) => (seen.push(h), `../${h}`) });
    expect(seen).toEqual(['../node_modules/x/400.css', '../templates/print.css?v=1a2b&x']);
    expect(relinked).toContain('<link rel="stylesheet" href="../../templates/print.css?v=1a2b&amp;x">');
    const unmarked = redlineHtml({ before: after, after: readReport(afterHtml), text: [], charts: [], tables: [], stylesheet: 'r.css', rebaseHref: (h) => h });
    expect(unmarked).toBe(afterHtml.replace('</head>', '<link rel="stylesheet" href="r.css">\n</head>'));
  });
});
