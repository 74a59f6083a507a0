#!/usr/bin/env node
// @ts-check
/**
 * Runs a pipeline command from an esbuild bundle of pipeline/*.ts (node_modules/.cache/), rebuilt
 * in ~0.1 s whenever a source is newer than it. Plain `node` then loads one ES module graph
 * without a TypeScript loader in the way, which saves most of a second on every command;
 * tests and `tsx` run the same sources directly.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pipeline = dirname(fileURLToPath(import.meta.url));
const outdir = join(pipeline, '..', 'node_modules', '.cache', 'report-pipeline');
const stamp = join(outdir, 'stamp.json');

/** Every source's path and modification time (this file's too): the bundle is current when they are unchanged. */
function sourcesState() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs)$/.test(e.name)) files.push(`${p}:${statSync(p).mtimeMs}`);
    }
  };
  walk(pipeline);
  return files.sort().join('\n');
}

// each running command records the bundle files it runs from, so that a rebuild by another
// command keeps them: a long `npm run dev` loads chunks lazily, hours later
const inUse = join(outdir, 'in-use');
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

function claim(outputs) {
  mkdirSync(inUse, { recursive: true });
  const mine = join(inUse, `${process.pid}.json`);
  writeFileSync(mine, JSON.stringify(outputs));
  process.on('exit', () => rmSync(mine, { force: true }));
}

/** Chunk names carry their hash, so every rebuild adds a set (megabytes): those no running command uses go. */
function pruneChunks(current) {
  const keep = new Set(current);
  for (const name of existsSync(inUse) ? readdirSync(inUse) : []) {
    const record = join(inUse, name);
    try {
      if (alive(Number.parseInt(name, 10))) for (const p of JSON.parse(readFileSync(record, 'utf8'))) keep.add(p);
      else rmSync(record, { force: true }); // a command that ended without saying so
    } catch {
      // a record being written or removed meanwhile: its command is starting or ending
    }
  }
  const dir = join(outdir, 'chunks');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) if (!keep.has(join(dir, name))) rmSync(join(dir, name), { force: true });
}

const state = sourcesState();
const stamped = (() => {
  try {
    return JSON.parse(readFileSync(stamp, 'utf8'));
  } catch {
    return undefined; // no bundle yet, or an unreadable stamp: build one
  }
})();
let outputs = stamped?.sources === state ? stamped.outputs : undefined;
if (!outputs) {
  const { build } = await import('esbuild');
  const { metafile } = await build({
    entryPoints: { cli: join(pipeline, 'cli', 'main.ts') },
    bundle: true,
    splitting: true, // keeps `await import()` lazy: `check` never loads the browser or vega
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // the pure-JS libraries are bundled in: Node's ESM loader then reads one file instead of
    // hundreds (the unified family alone is ~200 modules; vega and vega-lite load in ~130 ms
    // instead of ~350). Packages that find files, workers or native code at run time stay where
    // npm put them (canvas: vega's optional renderer, never installed).
    external: ['puppeteer', 'pdfjs-dist', '@napi-rs/canvas', 'canvas', 'chokidar', 'esbuild', 'tsx', '@fontsource/*'],
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    // bundled CommonJS libraries require() Node's built-ins: give every chunk a require
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // V8 parses the whole bundle at start-up: without comments and whitespace, `npm run check`
    // starts ~0.3 s sooner. Names are kept, so --verbose stacks still say which function failed.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    metafile: true,
  });
  outputs = Object.keys(metafile.outputs).map((p) => resolve(p));
  pruneChunks(outputs);
  writeFileSync(stamp, JSON.stringify({ sources: state, outputs }));
}
claim(outputs);
await import(pathToFileURL(join(outdir, 'cli.js')).href);
