/**
 * The web edition in a real Chromium (the project's launch flags), served from 127.0.0.1: every
 * page loads without a console error or a request outside the site, the live charts' tooltips
 * show the figures of data/, a chart's CSV holds exactly the rows it draws, search finds a phrase
 * of chapter 5, axe finds no serious or critical violation, and a phone-wide page does not
 * overflow outside its tables.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { defaultProject, repoRoot } from '../../pipeline/core/project.ts';
import { launchBrowser } from '../../pipeline/print/browser.ts';
import { startSiteServer } from '../../pipeline/site/serve-site.ts';
import { quietEffects } from '../helpers/fixture.ts';

// nine pages in a real browser, each test: more than the default timeout on a busy two-core machine
vi.setConfig({ testTimeout: 360_000, hookTimeout: 300_000 });

let siteDir: string;
let server: Server;
let base: string;
let browser: Browser;
let pages: string[];

beforeAll(async () => {
  const project = defaultProject(repoRoot, { outDir: mkdtempSync(join(tmpdir(), 'report-site-')) });
  await build(project, quietEffects);
  siteDir = join(project.outDir, 'site');
  pages = readdirSync(siteDir).filter((f) => f.endsWith('.html')).sort();
  ({ server, url: base } = await startSiteServer(siteDir));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface Visit {
  page: Page;
  problems: string[];
}

/** Opens a page of the site at a width, collecting console errors, failed and outside requests. */
async function visit(path: string, width = 1280, opts: { bypassCsp?: boolean } = {}): Promise<Visit> {
  const page = await browser.newPage();
  const problems: string[] = [];
  if (opts.bypassCsp) await page.setBypassCSP(true);
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()} ${m.location().url ?? ''}`)));
  page.on('pageerror', (e) => void problems.push(`page error: ${(e as Error).message}`));
  page.on('request', (r) => void (!r.url().startsWith(base) && !r.url().startsWith('data:') && problems.push(`outside request: ${r.url()}`)));
  page.on('requestfailed', (r) => void problems.push(`failed: ${r.url()}`));
  await page.setViewport({ width, height: 900 });
  await page.goto(base + path, { waitUntil: 'networkidle0' });
  return { page, problems };
}

/** A datum's value as written in data/*.yaml (a path's keys, through `items:` where a group has them). */
function valueInData(path: string): number {
  const [file, ...keys] = path.split('.');
  let node = parse(readFileSync(join(repoRoot, 'data', `${file}.yaml`), 'utf8'));
  for (const k of keys) node = node[k] ?? node.items[k];
  return typeof node === 'object' ? node.value : node;
}

/** RFC 4180, enough for our files: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

describe('the web edition', () => {
  it('has a landing page, a page per chapter and a search page, each loading without console errors or outside requests', async () => {
    expect(pages).toEqual(['ch-1.html', 'ch-2.html', 'ch-3.html', 'ch-4.html', 'ch-5.html', 'ch-6.html', 'ch-7.html', 'ch-8.html', 'index.html', 'search.html']);
    for (const path of pages) {
      const { page, problems } = await visit(path);
      // charts have turned live before the page counts as loaded
      await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.classList.contains('is-live')), { timeout: 30_000 });
      expect(problems, path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang), path).toBe('zh-CN');
      await page.close();
    }
  });

  it('is complete without JavaScript: every chart is in the page as SVG with its caption and values', () => {
    const html = readFileSync(join(siteDir, 'ch-2.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toMatch(/<title id="platform-share-title">[^<]+<\/title><desc id="platform-share-desc">[^<]*35\.2%/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/); // no inline script
  });

  it('links the contents and the list of figures into the chapter pages, and cross-references across pages', async () => {
    const index = readFileSync(join(siteDir, 'index.html'), 'utf8');
    expect(index).toContain('href="ch-2.html#fig-platform-share"');
    expect(index).toMatch(/href="ch-2.html#[^"]+"><span class="num">2\.1<\/span>/);
    const { page } = await visit('index.html');
    await Promise.all([page.waitForNavigation(), page.click('a[href="ch-2.html#fig-platform-share"]')]);
    expect(await page.evaluate(() => location.hash)).toBe('#fig-platform-share');
    expect(await page.$eval('#fig-platform-share figcaption', (e) => e.textContent)).toContain('图2-1');
    await page.close();
  });

  it("opens with the printed edition's key findings (its front-matter chapter), figures bound to data/", () => {
    const index = readFileSync(join(siteDir, 'index.html'), 'utf8');
    const summary = readFileSync(join(repoRoot, 'chapters', '00-summary.md'), 'utf8');
    const title = /^title: (.+)$/m.exec(summary)![1];
    const findings = index.indexOf(`>${title}</h2>`);
    expect(findings).toBeGreaterThan(0);
    expect(findings).toBeLessThan(index.indexOf('id="key-figures"')); // the summary before the key figures
    const at = index.indexOf('data-path="market.size_2024"', findings);
    expect(at).toBeGreaterThan(findings);
    const shown = index.slice(index.indexOf('>', at) + 1).replace(/<[^>]+>/g, ''); // the figure's text (its core a span of its own)
    expect(shown.startsWith(String(valueInData('market.size_2024')))).toBe(true);
    expect(index.slice(findings).match(/<li class="short"><strong>/g)?.length).toBe(summary.match(/^\d+\. \*\*/gm)!.length);
    // the key figures are those data/edition.yaml names, in its order, each with its unit
    const keyPaths = parse(readFileSync(join(repoRoot, 'data', 'edition.yaml'), 'utf8')).key_figures as string[];
    const keys = index.slice(index.indexOf('id="key-figures"'));
    const values = [...keys.matchAll(/<span class="kf-value">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(values).toHaveLength(keyPaths.length);
    expect(values[0]).toBe(`${valueInData(keyPaths[0])}万亿元`);
  });

  it("asks, as the colophon does, for no comments it gives no way to send: a final edition (review 54, 1.1)", () => {
    const index = readFileSync(join(siteDir, 'index.html'), 'utf8');
    expect(index.indexOf('<p class="edition">')).toBeGreaterThan(0);
    expect(index).not.toContain('class="edition comments"');
    expect(index).not.toMatch(/征求意见|意见请提交/);
  });

  it("shows a figure of data/ in a live chart's tooltip, with its year and source", async () => {
    const { page, problems } = await visit('ch-2.html');
    await page.waitForSelector('#fig-platform-share.is-live .chart-live svg .mark-rect path');
    const bar = (await page.$$('#fig-platform-share .chart-live .mark-rect path'))[0];
    await bar.hover();
    await page.waitForSelector('#vg-tooltip-element.visible');
    const tip = await page.$eval('#vg-tooltip-element', (e) => e.textContent ?? '');
    const lines = JSON.parse(readFileSync(join(siteDir, 'data', 'platform-share.json'), 'utf8')).data as { display: string; value: number; year: number; source: string; path: string; label: string }[];
    const shown = lines.find((l) => tip.includes(l.label));
    expect(shown, tip).toBeDefined();
    expect(shown!.value).toBe(valueInData(shown!.path));
    expect(tip).toContain(shown!.display);
    expect(tip).toContain(String(shown!.year));
    expect(tip).toContain(shown!.source);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("gives each mark of a chart of several panels its own datum: hovering every bar and point shows every figure of the chart's data, each once", async () => {
    // chapter 4's small multiples (图4-2, 图4-3): chapter 2's comparisons of two years are key figures now (review 51)
    const { page } = await visit('ch-4.html', 1280);
    await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.classList.contains('is-live')), { timeout: 60_000 });
    const paneled = await page.$$eval('figure.chart', (fs) => fs.filter((f) => f.querySelector('.chart-live [class*="concat_1_"]')).map((f) => f.id));
    expect(paneled.length).toBeGreaterThan(0);
    for (const id of paneled) {
      const shown = new Set<string>();
      // every mark of the data (a dumbbell's key, ● 2024年 ◌ 2025年预测, shows no datum and has no tooltip)
      for (const bar of await page.$$(`#${id} .chart-live .mark-rect path, #${id} .chart-live .mark-symbol:not([class*="key_"]) path`)) {
        const box = await bar.boundingBox();
        if (!box || box.width < 2 || box.height < 2) continue;
        await bar.hover(); // scrolled into view first
        await page.waitForSelector('#vg-tooltip-element.visible');
        shown.add(await page.$eval('#vg-tooltip-element h2', (e) => e.textContent ?? ''));
        await page.mouse.move(0, 0);
      }
      const lines = JSON.parse(readFileSync(join(siteDir, 'data', `${id.replace(/^fig-/, '')}.json`), 'utf8')).data as { label: string; series: string }[];
      const titles = lines.map((l) => [l.label, l.series].filter(Boolean).join(' · '));
      expect([...shown].sort(), id).toEqual([...new Set(titles)].sort());
    }
    // and the key's marks show nothing: no empty tooltip box (they have no datum)
    const key = await page.$('#fig-key-indicators .chart-live .mark-symbol[class*="key_"] path');
    expect(key).not.toBeNull();
    await key!.hover();
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.$('#vg-tooltip-element.visible')).toBeNull();
    await page.close();
  });

  it('offers with every chart a CSV (UTF-8 with BOM) whose rows are the rows the chart draws', async () => {
    const { page } = await visit('ch-2.html');
    await page.waitForSelector('#fig-platform-share.is-live');
    const href = await page.$eval('#fig-platform-share .figure-data a[href$=".csv"]', (a) => a.getAttribute('href')!);
    const bytes = readFileSync(join(siteDir, href));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['项目', '数值', '单位', '年份', '来源']));
    const drawn = await page.evaluate(() => (document.querySelector('#fig-platform-share') as unknown as { liveView: { data(n: string): { label: string; value: number; rest?: boolean }[] } }).liveView.data('source_0'));
    // the data's rows; what they leave of the whole (其他平台, `rest:`) is drawn from them, not a datum of its own
    expect(rows.map((r) => [r[col('项目')], Number(r[col('数值')])])).toEqual(drawn.filter((r) => !r.rest).map((r) => [r.label, r.value]));
    expect(drawn.filter((r) => r.rest).map((r) => [r.label, r.value])).toEqual([['其他平台', 17.7]]);
    for (const r of rows) expect(r[col('来源')]).not.toBe('');
    await page.close();
  });

  it('downloads every table with its content: a table of words as its cells, merged group labels in every row', async () => {
    const { page } = await visit('index.html');
    const tables = (await page.$$eval('.figure-list a', (as) => as.map((a) => a.getAttribute('href')!))).filter((h) => /#tab-/.test(h));
    await page.close();
    expect(tables.length).toBeGreaterThan(2);
    for (const csv of readdirSync(join(siteDir, 'data')).filter((f) => f.endsWith('.csv'))) {
      const rows = parseCsv(readFileSync(join(siteDir, 'data', csv), 'utf8').slice(1));
      expect(rows.length, csv).toBeGreaterThan(1); // never a header alone
      expect(rows.every((r) => r.some((c) => c.trim())), csv).toBe(true);
    }
  });

  it('offers the whole data set as one download: every datum of data/, with the figures that show it', () => {
    const [header, ...rows] = parseCsv(readFileSync(join(siteDir, 'data', 'all.csv'), 'utf8').slice(1));
    const at = (name: string) => header.indexOf(name);
    const alibaba = rows.find((r) => r[at('数据路径')] === 'platforms.share_2024.alibaba')!;
    expect(Number(alibaba[at('数值')])).toBe(valueInData('platforms.share_2024.alibaba'));
    expect(alibaba[at('图表')]).toBe('图2-1'); // each dataset is shown once: the chart, not also a table
    // a key-figure callout has no number (reviews 49–54): its figures are shown by its caption
    expect(rows.find((r) => r[at('数据路径')] === 'market.online_shoppers.users')![at('图表')]).toBe('网购已覆盖大多数网民');
    expect(new Set(rows.map((r) => r[at('数据路径')])).size).toBe(rows.length);
    // a count is shown as the prose prints it, by its magnitude (the value stays in the data file's unit)
    const newUsers = rows.find((r) => r[at('数据路径')] === 'users.new_users.y2020')!;
    expect([newUsers[at('数值')], newUsers[at('单位')], newUsers[at('显示值')]]).toEqual(['12000', '万人', '1.2亿人']);
    expect(rows.length).toBeGreaterThan(200);
  });

  it('finds a phrase of chapter 5 with the offline search', async () => {
    const { page, problems } = await visit(`search.html?q=${encodeURIComponent('县域医疗资源不足')}`);
    await page.waitForSelector('#search-results li a', { timeout: 30_000 });
    const hits = await page.$$eval('#search-results li a', (as) => as.map((a) => a.getAttribute('href')));
    // it links to the section the phrase is in, which is on the page
    const hit = hits.find((h) => /ch-5\.html#/.test(h ?? ''));
    expect(hit, hits.join(' ')).toBeDefined();
    expect(readFileSync(join(siteDir, 'ch-5.html'), 'utf8')).toContain(`id="${hit!.split('#')[1]}"`);
    expect(await page.$eval('#search-status', (e) => e.textContent)).toMatch(/\d/); // how many were found
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violation on any page (axe-core)', async () => {
    const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    for (const path of pages) {
      const { page } = await visit(path, 1280, { bypassCsp: true }); // the test injects axe inline
      await page.addScriptTag({ path: axe });
      const found = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      expect(found, path).toEqual([]);
      await page.close();
    }
  });

  it('fits a 390 px phone screen: nothing overflows sideways except inside a table', async () => {
    for (const path of pages) {
      const { page } = await visit(path, 390);
      const wide = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        // a table's box and a printed chart's (until the live one replaces it) scroll sideways inside themselves
        return [...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-scroll, .chart-body') && !e.closest('[hidden]') && e.getBoundingClientRect().right > w + 1).map((e) => `${e.tagName}.${e.className}`);
      });
      expect(wide, path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), path).toBe(true);
      await page.close();
    }
  });

  it('lays a live chart out again on a phone or a tablet instead of shrinking it: labels keep their printed size, inside the text column', async () => {
    for (const [path, width] of [['ch-2.html', 390], ['ch-4.html', 390], ['ch-4.html', 768]] as const) {
      const { page } = await visit(path, width);
      await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.classList.contains('is-live')), { timeout: 60_000 });
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('figure.chart .chart-live')].map((live) => {
          const svg = live.querySelector('svg')!;
          const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent!.trim());
          const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
          return {
            figure: live.closest('figure')!.id,
            smallestPx: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
            overflow: Math.max(...[...svg.querySelectorAll('text, path, rect')].map((m) => m.getBoundingClientRect().right)) - live.getBoundingClientRect().right,
          };
        }),
      );
      expect(charts.length, path).toBeGreaterThan(2);
      for (const c of charts) {
        expect(c.smallestPx, `${path} ${width} ${c.figure}`).toBeGreaterThanOrEqual(10); // the theme's 8 pt labels are 10.7 px; shrunk to the column they were ~6
        expect(c.overflow, `${path} ${width} ${c.figure}`).toBeLessThanOrEqual(2);
      }
      await page.close();
    }
  });
});
