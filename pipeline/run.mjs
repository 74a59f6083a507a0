#!/usr/bin/env node
// @ts-check
/**
 * Runs a pipeline command from an esbuild bundle of pipeline/*.ts (node_modules/.cache/), rebuilt
 * in ~0.1 s whenever a source is newer than it. Plain `node` then loads one ES module graph
 * without a TypeScript loader in the way, which saves most of a second on every command;
 * tests and `tsx` run the same sources directly.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pipeline = dirname(fileURLToPath(import.meta.url));
const outdir = join(pipeline, '..', 'node_modules', '.cache', 'report-pipeline');
const stamp = join(outdir, 'stamp.json');

/** Every source's path and modification time: the bundle is current when they are unchanged. */
function sourcesState() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(`${p}:${statSync(p).mtimeMs}`);
    }
  };
  walk(pipeline);
  return files.sort().join('\n');
}

const state = sourcesState();
const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(state);
if (!current) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(pipeline, 'cli.ts')],
    bundle: true,
    splitting: true, // keeps `await import()` lazy: `check` never loads the browser or vega
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  writeFileSync(stamp, JSON.stringify(state));
}
await import(pathToFileURL(join(outdir, 'cli.js')).href);
