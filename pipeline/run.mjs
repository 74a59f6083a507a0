#!/usr/bin/env node
// @ts-check
/**
 * Runs a pipeline command from an esbuild bundle of pipeline/: plain `node` then loads one ES
 * module graph, without a TypeScript loader and without hundreds of library files, and starts
 * about twice as fast (figures: README, "What makes it fast"). Tests and `tsx` run the sources.
 *
 * Each state of the sources gets its own bundle folder, node_modules/.cache/report-pipeline/<state>/
 * (the state: every source's path, size and modification time, and the lockfile's, for the
 * libraries bundled in). A folder is written under a temporary name and renamed into place whole,
 * and never written again. So commands started together never read half a bundle, and a long
 * `npm run dev` keeps loading its lazy chunks from its own folder while another command bundles
 * edited sources into a new one. Each running command notes its folder in in-use/<pid>; whoever
 * makes a new bundle removes the folders no living command notes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pipeline = dirname(fileURLToPath(import.meta.url));
const root = dirname(pipeline);
const cache = join(root, 'node_modules', '.cache', 'report-pipeline');
const inUse = join(cache, 'in-use');

/** A name for the state of everything the bundle is made from. */
function sourcesState() {
  const hash = createHash('sha256');
  const add = (/** @type {string} */ path) => {
    const s = statSync(path);
    hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
  };
  const walk = (/** @type {string} */ dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ts|mjs)$/.test(e.name)) add(join(dir, e.name));
    }
  };
  walk(pipeline);
  if (existsSync(join(root, 'package-lock.json'))) add(join(root, 'package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

const alive = (/** @type {number} */ pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
};

/** Bundles pipeline/cli/main.ts into `dir`, whole or not at all. */
async function bundle(/** @type {string} */ dir) {
  const { build } = await import('esbuild');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { cli: join(pipeline, 'cli', 'main.ts') },
    bundle: true,
    splitting: true, // keeps `await import()` lazy: `check` never loads the browser or vega
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // the pure-JS libraries are bundled in (the unified family alone is ~200 modules; vega and
    // vega-lite load in ~130 ms instead of ~350). Packages that find files, workers or native code
    // at run time stay where npm put them (canvas: vega's optional renderer, never installed;
    // subset-font: HarfBuzz's wasm is found next to its module; css-tree
    // reads its JSON data files next to itself).
    external: ['puppeteer', 'pdfjs-dist', '@napi-rs/canvas', 'canvas', 'chokidar', 'esbuild', 'tsx', '@fontsource/*', '@expo-google-fonts/*', 'subset-font', 'css-tree'],
    outdir: tmp,
    chunkNames: 'chunks/[name]-[hash]',
    // bundled CommonJS libraries require() Node's built-ins: give every chunk a require
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // V8 parses the whole bundle at start-up: without comments and whitespace, `npm run check`
    // starts ~0.3 s sooner. Names are kept, so --verbose stacks still say which function failed.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another command made the same bundle first
  }
}

/** Removes every bundle (and half-made one) that no living command runs from. */
function prune(/** @type {string} */ current) {
  const keep = new Set([current, 'in-use']);
  for (const name of readdirSync(inUse)) {
    const record = join(inUse, name);
    if (!alive(Number(name))) {
      rmSync(record, { force: true }); // a command that ended without saying so
      continue;
    }
    let noted;
    try {
      noted = readFileSync(record, 'utf8');
    } catch {
      continue; // removed meanwhile: its command has ended
    }
    if (!noted) return; // a command noting its bundle this very moment: prune another time
    keep.add(noted);
  }
  for (const name of readdirSync(cache)) {
    const making = /\.tmp-(\d+)$/.exec(name);
    if (!keep.has(name) && !(making && alive(Number(making[1])))) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

const state = sourcesState();
const dir = join(cache, state);
// noted before looking, so that a command making a new bundle meanwhile keeps this one
mkdirSync(inUse, { recursive: true });
const record = join(inUse, String(process.pid));
writeFileSync(record, state);
process.on('exit', () => rmSync(record, { force: true }));
if (!existsSync(join(dir, 'cli.js'))) {
  await bundle(dir);
  prune(state);
}
await import(pathToFileURL(join(dir, 'cli.js')).href);
