/**
 * Before/after images of changed charts: each chart's SVG, as printed, screenshotted by Chromium
 * in a page that loads the report's own npm fonts — the same pixels as the PDF, not a
 * re-rendering with other fonts. The page is locked down like the print page: JavaScript off,
 * nothing loaded but the fonts and the page itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { BuildError, diag } from '../core/errors.ts';
import { lockDown } from '../print/lock-down.ts';

export interface ChartImageJob {
  name: string;
  svg: string;
}

export async function drawChartImages(browser: Browser, jobs: ChartImageJob[], opts: { fontCss: string[]; fontRoots: string[]; timeoutMs: number; scale?: number }): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (!jobs.length) return out;
  const dir = await mkdtemp(join(tmpdir(), 'chart-images-'));
  const page = await browser.newPage();
  try {
    const blocked = await lockDown(page, [dir, ...opts.fontRoots]);
    await page.setViewport({ width: 800, height: 600, deviceScaleFactor: opts.scale ?? 2 });
    const links = opts.fontCss.map((f) => `<link rel="stylesheet" href="${pathToFileURL(f).href}">`).join('\n');
    for (const [i, job] of jobs.entries()) {
      const file = join(dir, `chart-${i}.html`);
      await writeFile(file, `<!doctype html><html><head><meta charset="utf-8">${links}<style>html,body{margin:0;background:#fff}.chart{display:inline-block;padding:8px;background:#fff}</style></head><body><div class="chart">${job.svg}</div></body></html>`);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: opts.timeoutMs });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const box = await page.$('.chart');
      if (!box) continue;
      out.set(job.name, new Uint8Array(await box.screenshot({ type: 'png' })));
    }
    if (blocked.length) throw new BuildError([diag('DIFF_IMAGE_BLOCKED', { urls: blocked.map((b) => b.url).join(', ') })]);
    return out;
  } finally {
    await page.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
