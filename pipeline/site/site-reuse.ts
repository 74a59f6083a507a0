/**
 * The web edition made only when what it is made from changes (issue 19). Its files depend on
 * the inputs (data, chapters, templates/ with templates/site) and the code; the cache (which a
 * change of the code or the lockfile empties) keeps, under the hash of the inputs, the listing
 * of what the last build wrote to out/site. When that listing still holds on disk, nothing is
 * made (no pages, no esbuild bundle, no pagefind index) and nothing written; otherwise the site
 * is made whole and only the files whose bytes changed are written (the font slices, the
 * script and most pages stay as they are).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { hashOf, type CachePart } from '../core/cache.ts';
import type { SiteFile } from './site-assets.ts';

/** By site key: every file of the site as [path under out/site, SHA-256 of its bytes]. */
export type SiteCache = CachePart<[string, string][]>;

export interface SiteReuse {
  /** out/site */
  dir: string;
  /** the hash of everything the site is made from (siteKey) */
  key: string;
  cache: SiteCache;
  readFile(path: string): Promise<Uint8Array>;
}

/** What the site is made from, as one hash: the edition's inputs and templates/site (which the inputs' hash leaves out). */
export const siteKey = (inputsHash: string, templatesHash: string): string => hashOf([inputsHash, templatesHash]);

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The bytes on disk at `path`, or undefined when there is none. */
const onDisk = (path: string, readFile: SiteReuse['readFile']) => readFile(path).then((b) => b as Uint8Array | undefined, () => undefined);

/** The site's files to write: none when the last one still stands, else those `make()` made whose bytes differ from out/site's. */
export async function siteChanges(reuse: SiteReuse, make: () => Promise<SiteFile[]>): Promise<SiteFile[]> {
  const listed = reuse.cache.get(reuse.key);
  if (listed && (await standing(reuse, listed))) return [];
  const files = await make();
  reuse.cache.clear(); // one edition's site, not the history of every edit
  reuse.cache.set(reuse.key, files.map((f) => [f.path, sha(f.bytes)]));
  return changedOnly(reuse.dir, files, reuse.readFile);
}

/** The files of `files` (paths under `dir`) whose bytes differ from those on disk, or that are not there: the site's PDF copies too, written only when an edition changed. */
export async function changedOnly<F extends { path: string; bytes: Uint8Array | string }>(dir: string, files: F[], readFile: SiteReuse['readFile']): Promise<F[]> {
  const old = await Promise.all(files.map((f) => onDisk(join(dir, f.path), readFile)));
  return files.filter((f, i) => !old[i] || sha(old[i]!) !== sha(f.bytes));
}

/** Every file of the listing is in out/site with the bytes it was written with. */
async function standing(reuse: SiteReuse, listed: [string, string][]): Promise<boolean> {
  const found = await Promise.all(listed.map(([path]) => onDisk(join(reuse.dir, path), reuse.readFile)));
  return found.every((bytes, i) => bytes !== undefined && sha(bytes) === listed[i][1]);
}
