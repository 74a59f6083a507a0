/**
 * End to end: the small fixture report in tests/fixtures/mini goes from YAML to PDF, and the
 * PDF is read back as a reader's tools read it (pdfjs-dist).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build/build.ts';
import { launchingPrinter } from '../../pipeline/print/full-printer.ts';
import { defaultTimeoutMs } from '../../pipeline/print/browser.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import type { Project } from '../../pipeline/core/project.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';
import { makeProject, removeTempDirs } from '../helpers/project.ts';
import { PDFDocument, PDFName } from 'pdf-lib';
import { pdfStructure, readPdf, squash } from '../helpers/pdf.ts';

let project: Project;
let result: BuildResult;
let pdfBytes: Uint8Array;
let pdf: Awaited<ReturnType<typeof readPdf>>;

beforeAll(async () => {
  project = fixtureProject();
  result = await build(project, quietEffects);
  pdfBytes = readFileSync(join(project.outDir, 'report.pdf'));
  pdf = await readPdf(pdfBytes);
});

describe('fixture report → PDF', () => {
  it('prints the bound figures, formatted the Chinese way', () => {
    const text = squash(pdf.text);
    // five integer digits and more are grouped by thousands (review 2.5: one style in text, tables and charts)
    for (const figure of ['15.3万亿元', '8.2%', '11.0%', '153,000亿元', '3.2个百分点', '1.2亿', '3200万', '82.3%', '3.5倍', '8.5%']) expect(text).toContain(figure);
  });

  it('prints data strings literally: no markup, no script', () => {
    expect(squash(pdf.text)).toContain(squash('<script>alert(1)</script> **不是粗体** {{不是模板}} [不是链接](http://x)'));
    const html = readFileSync(join(project.outDir, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });

  it('numbers figures and tables per chapter and resolves references', () => {
    const text = squash(pdf.text);
    expect(text).toContain('见图1-1与表1-1');
    expect(text).toContain('图1-12024年主要电商平台市场份额');
    expect(text).toContain('资料来源：艾瑞咨询；'); // the research houses' form: 资料来源：…；…整理。
  });

  it('has cover, colophon, TOC and chapters, with an outline nested chapters → sections', () => {
    expect(pdf.numPages).toBe(result.manifest.output.pdf.pages);
    // cover, copyright page (with 版本说明), contents, list of figures and tables, 3 chapter pages (the chart prints at its designed size),
    // the list of sources, then a blank verso that puts the back cover on an even page (review 40, T5), the back cover; no blank verso
    // in the text (chapters_open: any)
    expect(pdf.numPages).toBe(10);
    expect(squash(pdf.pages[8])).toBe('');
    const outline = pdf.outline.map((o) => ({ title: squash(o.title), items: o.items.map((i) => squash(i.title)) }));
    expect(outline).toEqual([
      { title: '电商行业竞争格局测试报告', items: [] },
      { title: '版本信息', items: ['版本说明', '版权声明', '免责声明'] },
      { title: '目录', items: [] },
      { title: '图表目录', items: [] },
      { title: '一、市场规模与平台格局', items: ['1.1市场规模', '1.2平台格局'] },
      { title: '二、展望', items: ['2.1趋势'] },
      { title: '资料来源一览', items: [] },
    ]);
    expect(pdf.outline[4].items[0].items.map((i) => squash(i.title))).toEqual(['1.1.1整体规模', '1.1.2数据中的文字']);
  });

  it('writes TOC page numbers that match where each heading really is', () => {
    const first = pdf.destinations.get('ch-1')!;
    const tocPage = pdf.pages.findIndex((p) => p.includes('目录'));
    const toc = squash(pdf.pages[tocPage]);
    for (const [anchor, title] of [['ch-1', '一、市场规模与平台格局'], ['sec-1-2', '1.2平台格局'], ['ch-2', '二、展望'], ['sec-2-1', '2.1趋势']]) {
      const printed = pdf.destinations.get(anchor)! - first + 1;
      expect(toc).toContain(`${title}${printed}`);
    }
    expect(pdf.destinations.get('ch-2')! - first + 1).toBe(3);
  });

  it('runs the chapter title in the header and numbers chapter pages from 1', () => {
    const chapterPage = pdf.pages[pdf.destinations.get('ch-2')!];
    // a chapter's opening page has no running header (its title is on the page); the real report's other pages have it (e2e/pages)
    expect(squash(chapterPage)).not.toContain('测试报告');
    expect(squash(chapterPage)).toContain('二、展望');
    // one footer style: the folio alone, a bare numeral like the front matter's roman ones (no 第…页, no "/ total")
    // (the folio 3, then the title with its number, the opening's only one: no 02 set large above it)
    expect(squash(chapterPage)).toMatch(/^3二、展望/);
    expect(squash(chapterPage)).not.toMatch(/第\d+页|\/\d/);
    expect(squash(pdf.pages[0])).not.toMatch(/第\d+页/);
  });

  it('carries the edition metadata and reproducible dates', async () => {
    expect(pdf.info).toMatchObject({ Title: '电商行业竞争格局测试报告', Author: '测试课题组', Subject: '用于验证数据到PDF全过程的小型报告', Keywords: '电商 测试' });
    expect(pdf.info.CreationDate).toMatch(/^D:20250201/);
    const structure = await pdfStructure(pdfBytes);
    expect(structure.lang).toBe('zh-CN');
    expect(structure.tagged).toBe(true);
    // a viewer opens it with the bookmarks pane showing
    const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('embeds every font as a subset of the npm Noto fonts, no Type 3, no system fallback', async () => {
    const { fonts } = await pdfStructure(pdfBytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.subtype).toBe('/CIDFontType2');
      expect(f.embedded).toBe(true);
      expect(f.name).toMatch(/^\/[A-Z]{6}\+NotoS(ans|erif)SC/);
    }
    expect(fonts.some((f) => f.name.includes('NotoSerifSC'))).toBe(true);
    expect(fonts.some((f) => f.name.includes('NotoSansSC'))).toBe(true);
  });

  it('writes the edition manifest with hashes, page count, timings and lineage', () => {
    const m = JSON.parse(readFileSync(join(project.outDir, 'edition.json'), 'utf8'));
    expect(m.id).toBe('mini-report-e3');
    expect(m.edition).toMatchObject({ number: 3, date: '2025-02-01', status: 'draft' });
    expect(m.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(m.inputs)).toContain('data/market.yaml');
    expect(m.output.pdf.pages).toBe(10);
    expect(Object.keys(m.timings)).toEqual(expect.arrayContaining(['check', 'render charts', 'print']));
    expect(m.lineage['platforms.share_2024.alibaba']).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'chart', id: 'platform-share', label: '图1-1' }), expect.objectContaining({ kind: 'table', label: '表1-1' })]));
    expect(m.lineage['market.growth_2024'][0]).toMatchObject({ kind: 'text', chapter: 'market', section: '1.1.1' });
    expect(readdirSync(join(project.outDir, 'charts'))).toEqual(['platform-share.svg']);
  });

  it('gives byte-identical PDFs for the same inputs', async () => {
    rmSync(join(project.outDir, 'report.pdf')); // printed again, not reused
    await build(project, quietEffects);
    expect(Buffer.compare(readFileSync(join(project.outDir, 'report.pdf')), Buffer.from(pdfBytes))).toBe(0);
  });

  it('makes the web edition again only when its inputs change: a rebuild rewrites none of its files, and puts back a lost one', async () => {
    const siteDir = join(project.outDir, 'site');
    const files = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(siteDir, f)).isFile()); // the PDFs' copies too: written only when their bytes change
    const bytes = new Map(files.map((f) => [f, readFileSync(join(siteDir, f))]));
    rmSync(join(siteDir, 'index.html'));
    await build(project, quietEffects);
    expect(Buffer.compare(readFileSync(join(siteDir, 'index.html')), bytes.get('index.html')!)).toBe(0);
    const written = new Map(files.map((f) => [f, statSync(join(siteDir, f)).mtimeMs]));
    await build(project, quietEffects);
    expect(files.filter((f) => statSync(join(siteDir, f)).mtimeMs !== written.get(f))).toEqual([]);
    expect(files.filter((f) => Buffer.compare(readFileSync(join(siteDir, f)), bytes.get(f)!) !== 0)).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });

  it("gives the same bytes whether the last edition's page numbers were there, right, or wrong: every print lays the document out from a probe", async () => {
    const fresh = { ...project, outDir: mkdtempSync(join(tmpdir(), 'report-passes-')) };
    const cold = await build(fresh, quietEffects, { locales: ['zh-Hans'] }); // no previous page map
    const coldBytes = readFileSync(join(fresh.outDir, 'report.pdf'));
    // a probe places the figures and finds the numbers, a second lays out what prints (page-fill.ts); then one print
    expect([cold.manifest.printProbes, cold.manifest.printPasses]).toEqual([2, 1]);
    // both editions from nothing
    const both = { ...project, outDir: mkdtempSync(join(tmpdir(), 'report-passes-')) };
    await build(both, quietEffects);
    expect(Buffer.compare(readFileSync(join(both.outDir, 'report.pdf')), coldBytes)).toBe(0);
    rmSync(join(fresh.outDir, 'report.pdf')); // else the edition stands and is reused, not printed (reuse.test.ts)
    const warm = await build(fresh, quietEffects); // the previous page map is right: the placement's probe is the layout that prints
    expect([warm.manifest.printProbes, warm.manifest.printPasses]).toEqual([1, 1]);
    expect(Buffer.compare(readFileSync(join(fresh.outDir, 'report.pdf')), coldBytes)).toBe(0);
    // a wrong one (every number off by two): the probe's numbers are printed, not the guess, laid out again with them, in one print
    const manifestFile = join(fresh.outDir, 'edition.json');
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    m.pageMap.tocPages = Object.fromEntries(Object.entries(m.pageMap.tocPages as Record<string, string>).map(([k, v]) => [k, String(Number(v) + 2)]));
    writeFileSync(manifestFile, JSON.stringify(m));
    rmSync(join(fresh.outDir, 'report.pdf'));
    const wrong = await build(fresh, quietEffects);
    expect([wrong.manifest.printProbes, wrong.manifest.printPasses]).toEqual([2, 1]);
    expect(Buffer.compare(readFileSync(join(fresh.outDir, 'report.pdf')), coldBytes)).toBe(0);
  });

  it("starts an edition from its own last layout when a one-locale build dropped its record: not from the source's, which may differ by a page", async () => {
    const out = { ...project, outDir: mkdtempSync(join(tmpdir(), 'report-layouts-')) };
    await build(out, quietEffects);
    await build(out, quietEffects, { locales: ['zh-Hans'] }); // nothing changed: zh-Hans stands, zh-Hant stays
    const market = join(out.dataDir, 'market.yaml');
    const good = readFileSync(market, 'utf8');
    try {
      writeFileSync(market, good.replace('value: 15.3', 'value: 15.4'));
      await build(out, quietEffects, { locales: ['zh-Hans'] }); // an edit: zh-Hant's PDF no longer stands, its record goes
      const manifestFile = join(out.outDir, 'edition.json');
      const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
      expect(m.locales?.['zh-Hant']).toBeUndefined();
      // the source's numbers made wrong (as when the two layouts differ): zh-Hant must not start from them
      m.pageMap.tocPages = Object.fromEntries(Object.entries(m.pageMap.tocPages as Record<string, string>).map(([k, v]) => [k, String(Number(v) + 2)]));
      writeFileSync(manifestFile, JSON.stringify(m));
      const passes = new Map<string, number>();
      const inner = launchingPrinter(out, quietEffects, defaultTimeoutMs);
      const printer = { ...inner, print: async (...args: Parameters<typeof inner.print>) => { const p = await inner.print(...args); passes.set(args[1].variant ?? 'zh-Hans', p.passes + p.probes); return p; } };
      try {
        await build(out, quietEffects, { printer });
      } finally {
        await printer.close();
      }
      expect(passes.get('zh-Hant')).toBe(2); // its own layout, kept in out/.cache: the placement's probe and one print (the source's numbers would cost a second probe)
      expect(passes.has('zh-Hans')).toBe(false); // printed after the edit: it stands
    } finally {
      writeFileSync(market, good);
    }
  });

  it('removes from out/charts what an earlier edition drew and this one does not (a chart removed, or now a key-figure callout)', async () => {
    const charts = join(project.outDir, 'charts');
    const before = readdirSync(charts).sort();
    expect(before.length).toBeGreaterThan(0);
    writeFileSync(join(charts, 'old-chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    rmSync(join(project.outDir, 'report.pdf')); // else the edition stands and nothing is written
    await build(project, quietEffects);
    expect(readdirSync(charts).sort()).toEqual(before);
  });

  it('keeps the last good edition when the input is bad', async () => {
    const before = readFileSync(join(project.outDir, 'report.pdf'));
    const market = join(project.dataDir, 'market.yaml');
    const good = readFileSync(market, 'utf8');
    writeFileSync(market, good.replace('value: 15.3', 'value: "15.3万亿"'));
    try {
      await expect(build(project, quietEffects)).rejects.toBeInstanceOf(BuildError);
    } finally {
      writeFileSync(market, good);
    }
    expect(Buffer.compare(readFileSync(join(project.outDir, 'report.pdf')), before)).toBe(0);
    // no temporary or half-written file is left behind
    expect(readdirSync(project.outDir).filter((f) => f.endsWith('.tmp') || f.startsWith('.print-') || f === '.build.lock')).toEqual([]);
    expect(existsSync(join(project.outDir, 'report.html'))).toBe(true);
  });
});

describe('chapters_open: recto (locale.yaml), for a report printed on both sides', () => {
  it('opens each chapter and the back matter on a recto with a blank verso where needed, and ends on a verso', async () => {
    const recto = makeProject({ prefix: 'report-recto-' });
    const locale = join(recto.templatesDir, 'locale.yaml');
    writeFileSync(locale, readFileSync(locale, 'utf8').replace(/^chapters_open: any$/m, 'chapters_open: recto'));
    try {
      await build(recto, quietEffects);
      const printed = await readPdf(readFileSync(join(recto.outDir, 'report.pdf')));
      // the same report as above (9 pages of its own) with one blank verso before the list of sources instead of the back cover's: 10, an even count
      expect(printed.numPages).toBe(10);
      const pads = [...printed.destinations].filter(([id]) => id.startsWith('pad-'));
      expect(pads.length).toBeGreaterThan(0);
      for (const [id, index] of pads) expect(squash(printed.pages[index]), id).toBe(''); // nothing printed on it, not even a folio
      // every opening on a recto: an odd page of the PDF (index even)
      for (const [id, index] of printed.destinations) if (/^(ch-\d+|sources)$/.test(id)) expect(index % 2, id).toBe(0);
    } finally {
      removeTempDirs();
    }
  }, 120_000);
});
