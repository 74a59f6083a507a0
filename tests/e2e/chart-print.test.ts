/**
 * Charts print at the size they are designed at: the fixture is built with the real browser, and
 * the size of a chart's text in the PDF (pdfjs text items: the font size times the text matrix's
 * vertical scale, in pt) is the theme's (templates/chart-theme.yaml), not a shrunk SVG's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { loadChartTheme } from '../../pipeline/check/load-chart-theme.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';
import { figureTags, squash } from '../helpers/pdf.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const theme = loadChartTheme([{ path: 'templates/chart-theme.yaml', bytes: readFileSync(join(repoRoot, 'templates', 'chart-theme.yaml')) }]).theme!;
type Item = { str: string; size: number };
let items: Item[] = [];
let pdfBytes: Uint8Array;
let pageTexts: string[] = [];

beforeAll(async () => {
  const project = fixtureProject();
  await build(project, quietEffects);
  pdfBytes = new Uint8Array(readFileSync(join(project.outDir, 'report.pdf')));
  const doc = await getDocument({ data: pdfBytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pageTexts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      // the printed size: the vertical scale of the text's matrix (pdfjs folds the font size into it)
      const [, , c, d] = it.transform as number[];
      items.push({ str: it.str, size: Math.hypot(c, d) });
    }
  }
});

describe('a printed chart', () => {
  it('is the one tagged Figure of its place, and every Figure of the PDF has alt text naming its values', async () => {
    const figures = await figureTags(pdfBytes);
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.filter((f) => !f.alt)).toEqual([]);
    // the fixture's one chart: its caption and every value, from the data
    expect(figures.map((f) => f.alt).join('\n')).toMatch(/2024年主要电商平台市场份额.*阿里巴巴 35\.2%.*快手电商 2\.7%/);
  });

  it('prints under each chart and table a source line as research houses do, naming the data’s own source', () => {
    const text = squash(pageTexts.join(''));
    // the fixture's shares come from 艾瑞咨询: cited by name, then the team's work on it
    expect(text).toContain('资料来源：艾瑞咨询；课题组整理。');
    expect(text).not.toContain('数据来源：');
  });

  it('prints its value labels at the theme size and its unit line at the unit size', () => {
    // the bar labels of the fixture's chart, bare under its unit line (单位：%), as the table beside it prints
    // the same shares: the chart's are the ones drawn after its caption (the last 图1-1: the list of figures and the
    // reference come before it) and before its source line
    const start = items.map((i) => i.str.includes('图1-1')).lastIndexOf(true);
    const end = items.findIndex((i, k) => k > start && i.str.includes('资料来源'));
    const labels = items.slice(start, end).filter((i) => ['35.2', '20.8', '18.5', '5.1', '2.7'].includes(i.str.trim()));
    expect(labels.map((l) => l.str.trim()).sort()).toEqual(['18.5', '2.7', '20.8', '35.2', '5.1']);
    for (const l of labels) expect(l.size, l.str).toBeCloseTo(theme.font_pt, 1);
    // the unit line (单位：%) comes as several text items: joined, they are one run at the unit size
    const runs: Item[] = [];
    for (const i of items) {
      const last = runs[runs.length - 1];
      if (last && Math.abs(last.size - i.size) < 0.01) last.str += i.str;
      else runs.push({ ...i });
    }
    const unit = runs.find((r) => r.str.includes(theme.words.unit.replace('{unit}', '%')));
    expect(unit?.size).toBeCloseTo(theme.unit_pt, 1);
  });
});
