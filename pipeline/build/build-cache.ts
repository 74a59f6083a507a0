/**
 * The parts of the cache a build leaves in out/.cache for the next (core/cache.ts keeps them):
 * loaded data files, loaded chart and table specs, parsed chapters (check-inputs.ts), drawn
 * charts (render-charts.ts), rendered chapters (render-chapters.ts), the text advances charts
 * were measured with (text-metrics.ts), the rendered-template check's findings (check-layout.ts)
 * the listing of the web edition and its bundled script (site/site-reuse.ts, site-assets.ts), and
 * what each locale's last full print left in out/ (standing-editions.ts), and the page map each
 * locale's last full print found (the next print's first guess, kept when a one-locale build drops
 * that locale's record from edition.json).
 */
import { join } from 'node:path';
import { cachePartFiles, cachePartPaths, fileKey, prune, readCacheParts, type CachePart } from '../core/cache.ts';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import type { Inputs } from '../core/read-inputs.ts';
import type { CheckCache } from '../check/check-inputs.ts';
import type { ChartCache } from '../render/render-charts.ts';
import type { RenderedCheckCache } from '../render/check-layout.ts';
import type { ChapterCache } from '../render/render-chapters.ts';
import type { AdvanceTable } from '../render/text-metrics.ts';
import type { ScriptCache } from '../site/site-assets.ts';
import type { SiteCache } from '../site/site-reuse.ts';
import type { EditionCache } from './standing-editions.ts';
import type { PageMap } from '../render/page-map.ts';

/** Everything a build reuses: what the check loaded and parsed, and what rendering drew and measured. */
export interface BuildCache extends CheckCache {
  charts: ChartCache;
  chapters: ChapterCache;
  /** the charts' text advances measured from the font files (text-metrics.ts) */
  advances: AdvanceTable;
  /** the rendered-template check's findings, by the marked document's hash (render/check-layout.ts) */
  rendered: RenderedCheckCache;
  /** what the last build wrote to out/site, under the hash of what it was made from (site-reuse.ts) */
  site: SiteCache;
  /** the site's bundled script, by the hash of its source (site/site-assets.ts) */
  script: ScriptCache;
  /** by locale: the SHA-256s of the PDF and HTML its last full print wrote, and from what (standing-editions.ts) */
  editions: EditionCache;
  /** by locale: the page map its last full print found */
  layouts: CachePart<PageMap>;
}

export type BuildCachePart = keyof BuildCache;

const parts = ['charts', 'chapters', 'data', 'specs', 'sources', 'advances', 'rendered', 'site', 'script', 'editions', 'layouts'] as const satisfies readonly BuildCachePart[];
const cacheDir = (project: Project) => join(project.outDir, '.cache');

/** The cache a build starts from; `only` some of its parts (the others empty), for a run that needs no more. */
export async function readBuildCache(project: Project, fx: Pick<Effects, 'readFile'>, only: readonly BuildCachePart[] = parts): Promise<BuildCache> {
  const read: Partial<Record<BuildCachePart, CachePart<unknown>>> = await readCacheParts(cacheDir(project), only, fx.readFile);
  return Object.fromEntries(parts.map((part) => [part, read[part] ?? new Map()])) as unknown as BuildCache;
}

/** Drops the loaded parts of files this build does not have (watch mode keeps the cache in memory). */
function pruneFileParts(cache: BuildCache, inputs: Inputs): void {
  const current = new Set(Object.keys(inputs.hashes).map((path) => fileKey(path, inputs)));
  for (const byFile of [cache.data, cache.specs, cache.sources] as CachePart<unknown>[]) prune(byFile, (key) => current.has(key.replace(/#[0-9a-f]+$/, ''))); // chapters: fileKey#number, data: fileKey#vocabulary
}

/** The cache files for this build: only the current edition's entries (drawn charts and rendered chapters are pruned as they render, files' parts here). */
export function buildCacheFiles(project: Project, cache: BuildCache, inputs: Inputs): { path: string; bytes: string }[] {
  pruneFileParts(cache, inputs);
  return cachePartFiles(cacheDir(project), Object.fromEntries(parts.map((part) => [part, cache[part] as CachePart<unknown>])));
}

/** The cache files a build in another folder may start from (the diff seeds its head build with them). */
export const buildCachePaths = (project: Project) => cachePartPaths(cacheDir(project), parts);
