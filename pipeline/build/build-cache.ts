/**
 * What one build leaves in out/.cache for the next: loaded data files, loaded chart and table
 * specs, parsed chapters, drawn charts and rendered chapters, each under the hash of what it was
 * made from (load-data.ts, load-specs.ts, parse-chapter.ts, render-charts.ts,
 * render-chapters.ts), and the text advances charts were measured with (text-metrics.ts). Entries
 * are only trusted from the same code: a cache file records the hash of the pipeline's sources
 * and the lockfile, and one from other code is ignored, never patched up.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Effects } from '../core/effects.ts';
import { repoRoot, type Project } from '../core/project.ts';
import type { ChartCache } from '../render/render-charts.ts';
import type { ChapterCache } from '../render/render-chapters.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { CheckCache } from '../check/check-inputs.ts';
import { fileKey } from '../core/cache.ts';
import type { AdvanceTable } from '../render/text-metrics.ts';

interface CacheFile<T> {
  code: string;
  entries: [string, T][];
}

/** Everything a build reuses: what the check loaded and parsed, and what rendering drew and measured. */
export interface BuildCache extends CheckCache {
  charts: ChartCache;
  chapters: ChapterCache;
  /** the charts' text advances measured from the font files (text-metrics.ts) */
  advances: AdvanceTable;
}

/** One file in out/.cache per part of the cache. */
const cacheFiles = { charts: 'charts.json', chapters: 'chapters.json', data: 'data.json', specs: 'specs.json', sources: 'sources.json', advances: 'advances.json' } as const satisfies Record<keyof BuildCache, string>;
const cachePath = (project: Project, part: keyof BuildCache) => join(project.outDir, '.cache', cacheFiles[part]);
const parts = Object.keys(cacheFiles) as (keyof BuildCache)[];

/** The cache a build starts from; `only` some of its parts (the others empty), for a run that needs no more. */
export async function readBuildCache(project: Project, fx: Pick<Effects, 'readFile'>, only: readonly (keyof BuildCache)[] = parts): Promise<BuildCache> {
  const code = codeVersion();
  const read = async (path: string): Promise<Map<string, unknown>> => {
    try {
      const file = JSON.parse(new TextDecoder().decode(await fx.readFile(path))) as CacheFile<unknown>;
      return file.code === code && Array.isArray(file.entries) ? new Map(file.entries) : new Map();
    } catch {
      return new Map(); // none yet, or unreadable: start from scratch
    }
  };
  const maps = await Promise.all(parts.map((part) => (only.includes(part) ? read(cachePath(project, part)) : new Map<string, unknown>())));
  return Object.fromEntries(parts.map((part, i) => [part, maps[i]])) as unknown as BuildCache;
}

/** Drops the loaded parts of files this build does not have (watch mode keeps the cache in memory). */
export function pruneFileParts(cache: BuildCache, inputs: Inputs): void {
  const current = new Set(Object.keys(inputs.hashes).map((path) => fileKey(path, inputs)));
  for (const byFile of [cache.data, cache.specs, cache.sources] as Map<string, unknown>[]) {
    for (const key of byFile.keys()) if (!current.has(key.replace(/#\d+$/, ''))) byFile.delete(key); // chapters: fileKey#number
  }
}

/** The cache files for this build: only the current edition's entries (drawn charts and rendered chapters are pruned as they render, files' parts here). */
export function buildCacheFiles(project: Project, cache: BuildCache, inputs: Inputs): { path: string; bytes: string }[] {
  const code = codeVersion();
  pruneFileParts(cache, inputs);
  return parts.map((part) => ({ path: cachePath(project, part), bytes: JSON.stringify({ code, entries: [...(cache[part] as Map<string, unknown>)] } satisfies CacheFile<unknown>) }));
}

/** The cache files a build in another folder may start from (the diff seeds its head build with them). */
export const buildCachePaths = (project: Project) => parts.map((part) => cachePath(project, part));

let memo: string | undefined;

/** A hash of every source file of the pipeline (all rooms) and the lockfile: what the cached results were computed by. */
export function codeVersion(): string {
  if (memo) return memo;
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [join(dir, e.name)] : []))
      .sort();
  const pipeline = join(repoRoot, 'pipeline');
  for (const file of walk(pipeline)) hash.update(relative(pipeline, file)).update(readFileSync(file));
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return (memo = hash.digest('hex'));
}
