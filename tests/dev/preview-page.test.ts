/**
 * The live preview in a real Chromium (issue 20): `npm run dev` on a current out/ starts without a
 * rebuild; the page draws the PDF's pages; an edit (with characters the document lacked) is a
 * proof and updates the pages once, with the page's Chinese text on screen 100 ms after the
 * update; a broken edit shows in an overlay that links to its file and line and can be dismissed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import type { Project } from '../../pipeline/core/project.ts';
import { startDev, type DevHandle } from '../../pipeline/dev/watch.ts';
import { renderPages } from '../../pipeline/print/pdf-to-png.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';
import { readPdf, squash } from '../helpers/pdf.ts';

let project: Project;
let dev: DevHandle;
let browser: Browser;
let page: Page;
let editionBefore: Buffer;
const logs: string[] = [];
const chapter = () => join(project.chaptersDir, '02-outlook.md');

const save = (file: string, edit: (text: string) => string) => {
  const next = dev.next();
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return next;
};
const updates = () => page.$eval('#pages', (el) => Number((el as HTMLElement).dataset.updates));
const untilUpdates = (n: number) => page.waitForFunction((n) => Number(document.getElementById('pages')?.dataset.updates) >= n, { timeout: 60_000 }, n);
const stateOf = (id: string) => page.$eval(`#${id}`, (el) => (el as HTMLElement).dataset.state);

/** Grey levels (0 black … 1 white) of a PNG, averaged over cells of `cell` pixels, over its top `height` rows. */
async function cells(png: Uint8Array, width: number, height: number, cell = 8): Promise<number[]> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  const out: number[] = [];
  for (let y = 0; y + cell <= height; y += cell)
    for (let x = 0; x + cell <= width; x += cell) {
      let sum = 0;
      for (let dy = 0; dy < cell; dy++) for (let dx = 0; dx < cell; dx++) {
        const i = ((y + dy) * width + x + dx) * 4;
        sum += (data[i] + data[i + 1] + data[i + 2]) / 765;
      }
      out.push(sum / cell / cell);
    }
  return out;
}
/** PREVIEW_SHOTS=dir keeps the screenshots, to look at. */
const keepShots = async (files: Record<string, Uint8Array>) => {
  const dir = process.env.PREVIEW_SHOTS;
  if (dir) for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
};
const meanDifference = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
/** The share of cells with ink (glyphs draw grey cells; a blank page has none). */
const inked = (c: number[]) => c.filter((v) => v < 0.9).length / c.length;

beforeAll(async () => {
  project = fixtureProject();
  await build(project, quietEffects);
  editionBefore = readFileSync(join(project.outDir, 'edition.json'));
  dev = await startDev(project, { ...quietEffects, log: (line) => void logs.push(line) }, { port: 0, settleMs: 300 });
  browser = await quietEffects.launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 900, deviceScaleFactor: 1 });
  await page.goto(dev.url);
  await untilUpdates(1);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await dev?.close();
});

describe('the live preview', () => {
  it('starts from a current out/ without a rebuild, says so, and shows its pages connected', async () => {
    expect(logs.join('\n')).toMatch(/out\/ holds the edition of the current inputs \(.+\): starting from it, no rebuild/);
    expect(Buffer.compare(readFileSync(join(project.outDir, 'edition.json')), editionBefore)).toBe(0); // nothing rewritten
    const pages = JSON.parse(editionBefore.toString()).output.pdf.pages as number;
    expect(await page.$$eval('#pages .page canvas', (c) => c.length)).toBe(pages);
    expect(await page.$eval('#count', (el) => el.textContent)).toBe(String(pages));
    expect(await stateOf('connection')).toBe('connected');
  });

  it('updates the pages once per edit, on the reader’s page, with Chinese text on screen 100 ms after the update', async () => {
    const pdf = await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))));
    const n = pdf.pages.findIndex((t) => squash(t).includes('较上年增长')) + 1;
    expect(n).toBeGreaterThan(1);
    await page.evaluate((n) => {
      const input = document.getElementById('goto') as HTMLInputElement;
      input.value = String(n);
      input.dispatchEvent(new Event('change'));
    }, n);
    const before = await updates();
    const event = await save(chapter(), (text) => text.replace('较上年增长', '较上年同比增长（犇龘）'));
    expect(event.kind === 'built' && event.proof).toBe(true); // started from out/, the first edit is already a proof
    await untilUpdates(before + 1);
    await sleep(100);
    const box = (await (await page.$(`#pages .page[data-page="${n}"]`))!.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(36); // the reader is on the edited page, below the bar
    const height = Math.floor(Math.min(900 - box.y, box.height));
    const scrollY = await page.evaluate(() => window.scrollY); // a clip is in the document's coordinates
    const shot = await page.screenshot({ clip: { x: box.x, y: box.y + scrollY, width: box.width, height }, type: 'png' });
    const screen = await cells(shot, Math.round(box.width), height);
    // the same page of the new PDF rendered apart (pdf.js on @napi-rs/canvas), at the same width
    const bytes = new Uint8Array(readFileSync(join(project.outDir, 'report.pdf')));
    const dpi = (72 * box.width) / (await PDFDocument.load(bytes)).getPage(n - 1).getWidth();
    const reference = (await renderPages(bytes, { dpi })).pages[n - 1];
    const expected = await cells(reference, Math.round(box.width), height);
    await keepShots({ 'screen.png': shot, 'reference.png': reference, 'preview.png': await page.screenshot({ type: 'png' }) });
    expect(inked(screen)).toBeGreaterThan(0.005); // text, not a blank frame (measured: 1.8 % of the cells of this page)
    expect(meanDifference(screen, expected)).toBeLessThan(0.02); // the page's own glyphs where the reference has them
    expect(meanDifference(screen, expected.map(() => 1))).toBeGreaterThan(4 * meanDifference(screen, expected));
    // the full print that replaces the proof once editing pauses draws nothing again
    await dev.settled();
    await sleep(1500);
    expect(await updates()).toBe(before + 1);
    expect(await page.$eval('#goto', (el) => (el as HTMLInputElement).value)).toBe(String(n));
  });

  it('shows a broken edit in an overlay that links to its file and line, and can be dismissed', async () => {
    const good = readFileSync(chapter(), 'utf8');
    const event = await save(chapter(), () => good.replace('{{yuan market.ecommerce_size.y2024}}', '{{yuan market.ecommerce_size.y2099}}'));
    expect(event.kind).toBe('failed');
    await page.waitForSelector('#overlay.show', { timeout: 10_000 });
    const link = await page.$eval('#errors a.at', (a) => ({ text: a.textContent, href: a.getAttribute('href') }));
    expect(link.text).toMatch(/^chapters\/02-outlook\.md:8:\d+$/);
    expect(link.href).toBe(`vscode://file${encodeURI(chapter())}:${link.text!.split(':').slice(1).join(':')}`);
    expect(await page.$eval('#errors li', (li) => li.textContent)).toContain('unknown data path "market.ecommerce_size.y2099"');
    expect(await stateOf('build')).toBe('failed');
    await keepShots({ 'overlay.png': await page.screenshot({ type: 'png' }) });
    await page.keyboard.press('Escape');
    expect(await page.$eval('#overlay', (el) => el.classList.contains('show'))).toBe(false);
    await page.click('#show-errors');
    expect(await page.$eval('#overlay', (el) => el.classList.contains('show'))).toBe(true);
    await page.click('#dismiss');
    expect(await page.$eval('#overlay', (el) => el.classList.contains('show'))).toBe(false);
    const before = await updates();
    expect((await save(chapter(), () => good)).kind).toBe('built');
    await untilUpdates(before + 1);
    await dev.settled();
    await page.waitForFunction(() => document.getElementById('build')?.dataset.state === 'built', { timeout: 10_000 });
    expect(await page.$eval('#overlay', (el) => el.classList.contains('show'))).toBe(false);
  });
});
