/**
 * `npm run bench [runs]`: medians of what users wait for, on this machine.
 *  - per stage, from in-process builds of the report, and the HTML stages alone (no browser);
 *  - the floor: launching the browser and printing the final HTML alone (a process, like a build);
 *  - a cold `npm run build` (a fresh node process, as users run it): nothing changed (both
 *    editions and zh-Hans alone, alternating: each reuses what stands), one figure changed, and
 *    into an empty out/ (a fresh clone, as CI builds: everything, zh-Hans alone, and everything
 *    but the site, whose difference is what the web edition adds), with the first build's time
 *    per stage; both locales against zh-Hans alone when both must print (issue 16): each round
 *    changes a figure first, so nothing can be reused;
 *  - `npm run diff` as CI runs it: after a commit that changes one figure of a chart, with the
 *    head already built (in a temporary git repository of the report and this pipeline);
 *  - `npm run check` as a process;
 *  - the authoring loop: a one-sentence chapter edit and a one-figure data change that touches a
 *    chart, from the file save to the updated PDF (on a temporary copy of the report);
 *  - peak memory of a full build, browser included.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../build/build.ts';
import { renderDocument, stylesheetsFor } from '../render/render-document.ts';
import { printFloor } from './floor.ts';
import { readBuildCache, type BuildCache } from '../build/build-cache.ts';
import { defineCommand } from './command.ts';
import { wholeNumber } from './options.ts';
import { BuildError, diag } from '../core/errors.ts';
import { realEffects } from '../build/real-effects.ts';
import { defaultProject, repoRoot, type Project } from '../core/project.ts';
import { readInputs } from '../core/read-inputs.ts';
import { readLastManifest } from '../edition/manifest.ts';
import { sourceTag } from '../model/script-conversion.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { startDev } from '../dev/watch.ts';

const quiet = { ...realEffects, log: () => undefined };
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name: string, value: number, extra = '', unit = 'ms') => console.log(`  ${name.padEnd(34)} ${value.toFixed(0).padStart(7)} ${unit}${extra}`);
// the commands as `npm run …` runs them
const runner = join(repoRoot, 'pipeline', 'run.mjs');

/** A build into an empty out/ of its own (a fresh clone): its time, and its stages' from its edition.json. */
function firstBuild(args: string[]): { ms: number; stages: Record<string, number> } {
  const fresh = mkdtempSync(join(tmpdir(), 'bench-out-'));
  try {
    const ms = processOnce(['build', '--out', fresh, ...args]);
    return { ms, stages: (JSON.parse(readFileSync(join(fresh, 'edition.json'), 'utf8')) as { timings: Record<string, number> }).timings };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

function processOnce(args: string[], cwd = repoRoot): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [runner, ...args], { cwd, stdio: 'ignore' });
  if (r.status !== 0) throw new BuildError([diag('BENCH_STEP_FAILED', { step: `\`node pipeline/run.mjs ${args.join(' ')}\``, detail: `exit code ${r.status ?? r.signal}` })]);
  return performance.now() - t;
}

/**
 * Peak memory of a build process and all its children (the browser), as the sum of their
 * proportional set sizes: pages Chromium's processes share are counted once, not once each.
 */
async function peakMemoryMiB(cwd: string): Promise<number> {
  // into an empty out/: a build that finds its editions standing launches no browser at all
  const fresh = mkdtempSync(join(tmpdir(), 'bench-out-'));
  const child = spawn(process.execPath, [runner, 'build', '--out', fresh], { cwd, stdio: 'ignore' });
  let peak = 0;
  const treeRss = (): number => {
    const parents = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(pid, Number(fields[1]));
        const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        rss.set(pid, pss ? Number(pss[1]) * 1024 : Number(fields[21]) * 4096);
      } catch {
        /* the process ended meanwhile */
      }
    }
    const inTree = (pid: number): boolean => pid === child.pid || (parents.has(pid) && pid > 1 && inTree(parents.get(pid)!));
    let sum = 0;
    for (const [pid, bytes] of rss) if (inTree(pid)) sum += bytes;
    return sum;
  };
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss())), 50);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  rmSync(fresh, { recursive: true, force: true });
  return peak / 1024 / 1024;
}

/** A copy of the report's sources in a temporary folder, to edit. */
function copyOfReport() {
  const src = mkdtempSync(join(tmpdir(), 'bench-src-'));
  for (const d of ['data', 'chapters', 'templates']) cpSync(join(repoRoot, d), join(src, d), { recursive: true });
  return defaultProject(src, { outDir: join(src, 'out') });
}

/** Changes one figure that a chart and the prose show (and back, on the next call). */
function toggleFigure(project: Project): void {
  const file = join(project.dataDir, 'platforms.yaml');
  const s = readFileSync(file, 'utf8');
  writeFileSync(file, s.includes('value: 20.8') ? s.replace('value: 20.8', 'value: 20.9') : s.replace('value: 20.9', 'value: 20.8'));
}

/**
 * A git repository of the report and this pipeline (node_modules linked in) whose last commit
 * changes one figure of a chart, its head built: what `npm run diff` finds on CI after the build.
 */
function diffRepo(): Project {
  const root = mkdtempSync(join(tmpdir(), 'bench-diff-'));
  for (const d of ['pipeline', 'data', 'chapters', 'templates']) cpSync(join(repoRoot, d), join(root, d), { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(repoRoot, f), join(root, f));
  writeFileSync(join(root, '.gitignore'), 'node_modules\nout/\n');
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
  const project = defaultProject(root);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  toggleFigure(project);
  git('commit', '-q', '-a', '-m', 'one figure');
  processOnce(['build'], root);
  return project;
}

/** Edits a copy of the report while `npm run dev` runs on it; returns save → new PDF times. */
async function authoringLoop(runs: number): Promise<{ sentence: number[]; figure: number[] }> {
  const project = copyOfReport();
  const src = project.root;
  const dev = await startDev(project, quiet, { port: 0 });
  /** from the save to the rebuilt PDF */
  const timed = async (save: () => void) => {
    const next = dev.next();
    const t = performance.now();
    save();
    const e = await next;
    if (e.kind !== 'built') throw new BuildError([diag('BENCH_STEP_FAILED', { step: 'a rebuild of `npm run dev` on a copy of the report', detail: e.message.split('\n')[0] }, { cause: e.message })]);
    return performance.now() - t;
  };
  const chapter = join(project.chaptersDir, '03-models-cases.md');
  const result = { sentence: [] as number[], figure: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      const text = readFileSync(chapter, 'utf8');
      result.sentence.push(await timed(() => writeFileSync(chapter, text.replace(/是目前电商跨界实践中最为主流的模式(。*)/, (_m, dots: string) => `是目前电商跨界实践中最为主流的模式${dots.length % 2 ? '' : '。'}`))));
      result.figure.push(await timed(() => toggleFigure(project)));
    }
  } finally {
    await dev.close();
    rmSync(src, { recursive: true, force: true });
  }
  return result;
}

export const command = defineCommand({
  name: 'bench',
  runAs: 'npm run bench --',
  description:
    'Medians of what users wait for, on this machine: every stage of an in-process build, the HTML stages alone, the floor (launching the browser and printing the final HTML alone; and the same print with the unicode-range slices of the npm font packages instead of the subsets of the edition, time and PDF size) interleaved with cold builds (nothing changed, one figure changed, into an empty out/) and `npm run diff` after a one-figure commit, `npm run check`, the authoring loop of `npm run dev` (a sentence edit, a figure edit) and the peak memory of a build. Takes minutes; edits only temporary copies of the report.',
  positionals: {
    runs: { value: wholeNumber({ min: 1, max: 100, unit: 'runs', example: 3 }), default: 5, description: 'how many runs each median is taken over' },
  },
  async run(ctx) {
    const runs = ctx.args.runs;
    const project = ctx.project;
    console.log(`bench: ${runs} runs each, medians (this 2-core machine; expect ±20% noise)`);

    const stages: Record<string, number[]> = {};
    for (let i = 0; i < runs; i++) {
      const r = await build(project, quiet);
      for (const [k, v] of Object.entries(r.timings)) (stages[k] ??= []).push(v);
    }
    console.log('in-process build, per stage (the browser starts meanwhile):');
    for (const [k, v] of Object.entries(stages)) row(k, median(v));
    // the HTML stages alone, as the issue counts them: no browser competing for the two cores.
    // As a rebuild: what out/.cache holds (data files loaded, charts drawn, chapters rendered,
    // by hash) is reused; and from nothing, every file parsed, chart drawn and chapter rendered.
    // with the last edition's page map, as a build renders: the contents' numbers are part of the
    // document whose rendered-template check out/.cache keeps
    const pageMap = (await readLastManifest(project, quiet)).pageMap(sourceTag);
    const htmlStages = async (cache?: BuildCache) => {
      const t = performance.now();
      const timer = new StageTimer(quiet);
      const inputs = await timer.run('read inputs', () => readInputs(project, quiet));
      await renderDocument(inputs, timer, { stylesheets: stylesheetsFor(project, inputs), cache, pageMap });
      return performance.now() - t;
    };
    const reused: number[] = [];
    const chartsOnly: number[] = [];
    const fromNothing: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cache = await readBuildCache(project, quiet);
      reused.push(await htmlStages(cache));
      chartsOnly.push(await htmlStages({ ...cache, chapters: new Map(), data: new Map() }));
      fromNothing.push(await htmlStages());
    }
    row('HTML stages (read → assemble)', median(reused), '   (target < 400 ms; out/.cache reused)');
    row('HTML stages, only charts reused', median(chartsOnly), '   (every data file parsed, chapter rendered)');
    row('HTML stages, nothing cached', median(fromNothing), '   (and every chart drawn)');

    // rounds interleave the floor and the builds, so a machine that slows down mid-run weighs on both;
    // the floor is a process too (`run.mjs floor`), started as a build is: like for like
    const floors: number[] = [];
    const floorsInProcess: number[] = [];
    // issue 14's before and after: the same print with the npm packages' unicode-range slices
    const sliced: { ms: number; bytes: number }[] = [];
    const subset: { ms: number; bytes: number }[] = [];
    const warm: number[] = [];
    const oneLocale: number[] = [];
    const changed: number[] = [];
    const printBoth: number[] = [];
    const printOne: number[] = [];
    const cold: number[] = [];
    const coldStages: Record<string, number[]> = {};
    const coldOne: number[] = [];
    const coldNoSite: number[] = [];
    const diffs: number[] = [];
    // the analyst's case, on a copy of the report: one figure of a chart changed since the last edition
    const copy = copyOfReport();
    processOnce(['build'], copy.root);
    const repo = diffRepo();
    try {
      for (let i = 0; i < runs; i++) {
        floors.push(processOnce(['floor']));
        const own = await printFloor(project);
        floorsInProcess.push(own.ms);
        subset.push(own);
        sliced.push(await printFloor(project, 'npm-slices'));
        warm.push(processOnce(['build']));
        // issue 16: both locales against the source locale alone (nothing changed either way)
        oneLocale.push(processOnce(['build', '--locale', 'zh-Hans']));
        toggleFigure(copy);
        changed.push(processOnce(['build'], copy.root));
        // issue 16 where it costs: a figure changed before each, so both editions (or the one) must print
        toggleFigure(copy);
        printOne.push(processOnce(['build', '--locale', 'zh-Hans'], copy.root));
        toggleFigure(copy);
        printBoth.push(processOnce(['build'], copy.root));
        const first = firstBuild([]);
        cold.push(first.ms);
        for (const [k, v] of Object.entries(first.stages)) (coldStages[k] ??= []).push(v);
        coldOne.push(firstBuild(['--locale', sourceTag]).ms);
        coldNoSite.push(firstBuild(['--no-site']).ms);
        diffs.push(processOnce(['diff', 'HEAD~1'], repo.root));
      }
    } finally {
      rmSync(copy.root, { recursive: true, force: true });
      rmSync(repo.root, { recursive: true, force: true });
    }
    const floor = median(floors);
    const ratio = (xs: number[]) => `   = ${(median(xs) / floor).toFixed(2)}× the floor`;
    console.log('whole builds, each a fresh process:');
    row('floor (launch + print once)', floor, `   (in this running process: ${median(floorsInProcess).toFixed(0)} ms)`);
    const kib = (xs: { bytes: number }[]) => `${(median(xs.map((x) => x.bytes)) / 1024).toFixed(0)} KiB`;
    row('  … fonts as npm slices (before)', median(sliced.map((x) => x.ms)), `   in process, vs ${median(subset.map((x) => x.ms)).toFixed(0)} ms with the edition's subsets (issue 14); PDF ${kib(sliced)} vs ${kib(subset)}`);
    row('`npm run build`, nothing changed', median(warm), `${ratio(warm)} (target ≤ 1.5×; both editions and the site stand: reused)`);
    row('`npm run build -- --locale zh-Hans`', median(oneLocale), `${ratio(oneLocale)} (nothing changed, alternating with the row above: reused)`);
    row('`npm run build`, one figure changed', median(changed), `${ratio(changed)} (its chart redrawn, its chapters rendered)`);
    row('`--locale zh-Hans`, must print', median(printOne), `${ratio(printOne)} (a figure changed: zh-Hans printed, the site made)`);
    row('both locales, must print', median(printBoth), `${ratio(printBoth)} = ${(median(printBoth) / median(printOne)).toFixed(2)}× one locale (target ≤ 1.6×; zh-Hans renders while zh-Hant prints, and prints while zh-Hant's text is checked)`);
    row('`npm run build`, empty out/', median(cold), `${ratio(cold)} (target ≤ 2×; a fresh clone: both editions and the site, a probe for the page numbers)`);
    row('  … `--locale zh-Hans`, empty out/', median(coldOne), `${ratio(coldOne)} (target ≤ 1.3×; the zh-Hans PDF and the site)`);
    row('  … `--no-site`, empty out/', median(coldNoSite), `${ratio(coldNoSite)}: the web edition adds ${(median(cold) - median(coldNoSite)).toFixed(0)} ms to a first build (issue 17)`);
    row('`npm run diff`, one figure', median(diffs), `${ratio(diffs)} = ${(median(diffs) / median(cold)).toFixed(2)}× the first build (target ≤ 1.5×; head built, base from git)`);
    console.log('the first build (empty out/, both editions and the site), per stage (wall time; the site, the next edition\'s render and the zh-Hant text check run while a PDF prints):');
    for (const [k, v] of Object.entries(coldStages)) row(`  ${k}`, median(v));
    const checks: number[] = [];
    for (let i = 0; i < runs; i++) checks.push(processOnce(['check']));
    row('`npm run check`', median(checks), '   (target < 1000 ms)');

    const loop = await authoringLoop(runs);
    console.log('authoring loop (npm run dev), save → updated PDF:');
    row('one-sentence chapter edit', median(loop.sentence), '   (target < 1000 ms)');
    row('one-figure change in a chart', median(loop.figure), '   (target < 1500 ms)');

    row('peak memory, build + browser', await peakMemoryMiB(repoRoot), '   (target < 1024 MiB; a first build, both editions and the site)', 'MiB');
    return 0;
  },
});
