/**
 * `npm run bench`: builds the report several times and prints medians — per stage (in-process
 * builds), the whole cold build (a fresh `node` process each time, as `npm run build` runs), and
 * the floor: launching the browser and printing the final HTML alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../browser.ts';
import { build } from '../build.ts';
import type { Command, CommandContext } from '../cli.ts';
import { realEffects } from '../effects.ts';
import { repoRoot } from '../project.ts';

const quiet = { ...realEffects, log: () => undefined };
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name: string, ms: number, extra = '') => console.log(`  ${name.padEnd(26)} ${ms.toFixed(0).padStart(7)} ms${extra}`);

async function floorOnce(ctx: CommandContext): Promise<number> {
  const t = performance.now();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(pathToFileURL(join(ctx.project.outDir, 'report.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  } finally {
    await browser.close();
  }
  return performance.now() - t;
}

function coldOnce(): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'pipeline', 'cli.ts'), 'build'], { cwd: repoRoot, stdio: 'ignore' });
  if (r.status !== 0) throw new Error('cold build failed: run `npm run build` to see why');
  return performance.now() - t;
}

function peakRssOnce(): number | undefined {
  // GNU time reports the peak resident set of the process tree's largest member; we sum the
  // build process and the browser by sampling instead where it is missing.
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', join(repoRoot, 'pipeline', 'cli.ts'), 'build'], { cwd: repoRoot, encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

export const run: Command = async (ctx) => {
  const runs = Number(ctx.args.find((a) => /^\d+$/.test(a)) ?? 5);
  const project = ctx.project;
  console.log(`bench: ${runs} runs each, medians (2-core machine; noise ±20%)`);
  const stages: Record<string, number[]> = {};
  const totals: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await build(project, quiet);
    totals.push(performance.now() - t);
    for (const [k, v] of Object.entries(r.timings)) (stages[k] ??= []).push(v);
  }
  console.log('in-process build, per stage:');
  for (const [k, v] of Object.entries(stages)) row(k, median(v));
  const html = ['check', 'render charts', 'render tables', 'render chapters', 'assemble'].reduce((s, k) => s + median(stages[k] ?? [0]), 0);
  row('HTML stages together', html, '   (target < 400 ms)');
  row('in-process build', median(totals));

  const floors: number[] = [];
  for (let i = 0; i < runs; i++) floors.push(await floorOnce(ctx));
  const colds: number[] = [];
  for (let i = 0; i < runs; i++) colds.push(coldOnce());
  const floor = median(floors);
  const cold = median(colds);
  console.log('cold build vs floor:');
  row('floor (launch + print once)', floor);
  row('cold `npm run build`', cold, `   = ${(cold / floor).toFixed(2)}× the floor (target ≤ 1.5×)`);
  const rss = peakRssOnce();
  if (rss !== undefined) row('peak RSS of the build process', rss, ' MiB (browser processes not included)');
  return 0;
};
