/**
 * Content-addressed reuse: a value made once per key (an input file's path and the hash of its
 * bytes), remembered in a map that a build carries over in out/.cache (build/build-cache.ts).
 */
import type { Inputs } from './read-inputs.ts';

/** An input file's cache key: its path and the hash of its bytes. */
export const fileKey = (path: string, inputs: Pick<Inputs, 'hashes'>) => `${path}:${inputs.hashes[path]}`;

/** `make()` once per key: the cached value when there is one, else made and remembered. */
export function cachedBy<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}
