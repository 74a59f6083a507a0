/**
 * `node pipeline/run.mjs floor`: the bench's floor. Launches the browser, opens out/report.html
 * and prints it once, as nothing but Chromium would; writes nothing. As a process it starts
 * the way `npm run build` does (Node, the bundle, Puppeteer), so the two compare like for like.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../print/browser.ts';
import { pdfOptions } from '../print/pdf-options.ts';
import { defineCommand } from './command.ts';
import type { Project } from '../core/project.ts';

export async function printFloor(project: Project): Promise<number> {
  const t = performance.now();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(pathToFileURL(join(project.outDir, 'report.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.pdf(pdfOptions);
  } finally {
    await browser.close();
  }
  return performance.now() - t;
}

export const command = defineCommand({
  name: 'floor',
  runAs: 'node pipeline/run.mjs floor',
  description: "The bench's floor: launches the browser, opens out/report.html and prints it once, as nothing but Chromium would, and says how long that took. Writes nothing; needs a built out/.",
  async run(ctx) {
    ctx.print(`floor: ${(await printFloor(ctx.project)).toFixed(0)} ms`);
    return 0;
  },
});
