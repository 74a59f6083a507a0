/**
 * `node pipeline/run.mjs floor`: the bench's floor. Launches the browser, opens out/report.html
 * and prints it once, as nothing but Chromium would; writes nothing. As a process it starts
 * the way `npm run build` does (Node, the bundle, Puppeteer), so the two compare like for like.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fontCssFiles } from '../core/fonts.ts';
import { launchBrowser } from '../print/browser.ts';
import { pdfOptions } from '../print/pdf-options.ts';
import { defineCommand } from './command.ts';
import type { Project } from '../core/project.ts';

/**
 * The fonts the floor prints with: the edition's own subsets (one file per family and weight,
 * what report.html links), or the npm packages' unicode-range slices the print used before
 * issue 14 (the bench's "before": the same document, only the font links swapped).
 */
export type FloorFonts = 'subsets' | 'npm-slices';

export async function printFloor(project: Project, fonts: FloorFonts = 'subsets'): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(pathToFileURL(join(project.outDir, 'report.html')).href, { waitUntil: 'load' });
    if (fonts === 'npm-slices') {
      await page.evaluate(swapFontLinks, fontCssFiles('sc').map((f) => pathToFileURL(f).href));
      while (!(await page.evaluate(sheetsLoaded))) await new Promise((r) => setTimeout(r, 5));
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf(pdfOptions);
    return { ms: performance.now() - t, bytes: pdf.byteLength };
  } finally {
    await browser.close();
  }
}

/** Runs in the page: the edition's font subsets (out/.fonts/) replaced by the given stylesheets. */
function swapFontLinks(hrefs: string[]): void {
  for (const link of document.querySelectorAll('link[rel="stylesheet"][href^=".fonts/"]')) link.remove();
  for (const href of hrefs) document.head.prepend(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}

/** Runs in the page: whether every stylesheet has loaded (the page runs no script, so no load event fires: the caller polls). */
const sheetsLoaded = () => [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((l) => l.sheet);

export const command = defineCommand({
  name: 'floor',
  runAs: 'node pipeline/run.mjs floor',
  description: "The bench's floor: launches the browser, opens out/report.html and prints it once, as nothing but Chromium would, and says how long that took. Writes nothing; needs a built out/.",
  async run(ctx) {
    ctx.print(`floor: ${(await printFloor(ctx.project)).ms.toFixed(0)} ms`);
    return 0;
  },
});
