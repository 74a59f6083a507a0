/**
 * The one cache of the pipeline: what a run made, kept under the hash of what it was made from,
 * so the next run makes only what changed. Values live in named parts (a map each: loaded data
 * files, drawn charts, …); a run uses them in memory (`cachedBy`), drops what the current edition
 * no longer uses (`prune`), and a build leaves them in out/.cache, one file per part. A part
 * file records the version of the code that wrote it (`codeVersion`): one written by other code
 * is ignored, never patched up; so is one whose keyed hash (`mac`, an HMAC with a key kept outside
 * the repository: core/cache-key.ts) does not hold, since out/ can be committed. Which parts a build keeps, and what they hold, is
 * build/build-cache.ts's business.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cacheKey } from './cache-key.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './project.ts';
import type { Inputs } from './read-inputs.ts';

/** One part of a cache: values by key. */
export type CachePart<T> = Map<string, T>;

/** SHA-256 (hex) of a value as JSON: equal hashes, equal inputs. */
export const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** An input file's cache key: its path and the hash of its bytes. */
export const fileKey = (path: string, inputs: Pick<Inputs, 'hashes'>) => `${path}:${inputs.hashes[path]}`;

/** `make()` once per key: the cached value when there is one, else made and remembered. */
export function cachedBy<T>(part: CachePart<T>, key: string, make: () => T): T {
  const hit = part.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  part.set(key, value);
  return value;
}

/** Drops every entry whose key `keep` refuses: a cache holds the current edition, not the history of every edit. */
export function prune(part: CachePart<unknown>, keep: (key: string) => boolean): void {
  for (const key of part.keys()) if (!keep(key)) part.delete(key);
}

interface PartFile {
  code: string;
  mac: string;
  entries: [string, unknown][];
}

/** The keyed hash of a part file's code version and entries (as JSON); undefined without a key. */
function macOf(code: string, entries: unknown): string | undefined {
  const key = cacheKey();
  return key && createHmac('sha256', key).update(code).update('\0').update(JSON.stringify(entries)).digest('hex');
}

const sameMac = (a: unknown, b: string | undefined) => typeof a === 'string' && b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const partFile = (dir: string, name: string) => join(dir, `${name}.json`);

/**
 * The parts `names` from the folder `dir` (out/.cache), each empty when its file is missing,
 * unreadable or written by other code. Only the parts named are read: `npm run check` reads the
 * three it uses, not the drawn charts.
 */
export async function readCacheParts<K extends string>(dir: string, names: readonly K[], readFile: (path: string) => Promise<Uint8Array>, code = codeVersion()): Promise<Record<K, CachePart<unknown>>> {
  const read = async (name: K): Promise<CachePart<unknown>> => {
    try {
      const file = JSON.parse(new TextDecoder().decode(await readFile(partFile(dir, name)))) as PartFile;
      return file.code === code && Array.isArray(file.entries) && sameMac(file.mac, macOf(code, file.entries)) ? new Map(file.entries) : new Map();
    } catch {
      return new Map(); // none yet, or unreadable: start from scratch
    }
  };
  const parts = await Promise.all(names.map(read));
  return Object.fromEntries(names.map((name, i) => [name, parts[i]])) as Record<K, CachePart<unknown>>;
}

/** The files that hold `parts` in `dir`, stamped with the code version, for an atomic write. */
export function cachePartFiles(dir: string, parts: Record<string, CachePart<unknown>>, code = codeVersion()): { path: string; bytes: string }[] {
  return Object.entries(parts).map(([name, part]) => {
    const entries = [...part];
    return { path: partFile(dir, name), bytes: JSON.stringify({ code, mac: macOf(code, entries) ?? '', entries } satisfies PartFile) };
  });
}

/** Where the part files of `names` are (the diff seeds a build in another folder with them). */
export const cachePartPaths = (dir: string, names: readonly string[]) => names.map((name) => partFile(dir, name));

/**
 * A hash of every source file of the pipeline — every room, every subfolder, found by walking
 * pipeline/ — and of the lockfile: the code cached values were computed by.
 */
export function codeVersionOf(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [join(dir, e.name)] : []))
      .sort();
  const pipeline = join(root, 'pipeline');
  for (const file of walk(pipeline)) hash.update(relative(pipeline, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

let memo: string | undefined;

/** This checkout's code version, computed once per process (the code that runs does not change under it). */
export const codeVersion = (): string => (memo ??= codeVersionOf(repoRoot));
