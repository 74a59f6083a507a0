/**
 * The key the cache's entries are signed with (issue 21): random, made on first use and kept
 * outside every repository, in the user's cache folder (`$XDG_CACHE_HOME` or ~/.cache), readable
 * by the user alone. A cache file committed to a pull request, or written by anyone without this
 * key, fails the check and is ignored: nothing in out/ is trusted as input because it is there.
 * A fresh CI runner has a fresh key, so it builds with an empty cache.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `REPORT_CACHE_KEY_DIR` moves it (tests); otherwise the user's cache folder. */
export const cacheKeyFile = () => join(process.env.REPORT_CACHE_KEY_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'report-pipeline'), 'cache-key');

const memo = new Map<string, Buffer | undefined>();

/** The key, made if there is none yet; undefined when it can be neither read nor made (then nothing cached is reused). */
export function cacheKey(): Buffer | undefined {
  const file = cacheKeyFile();
  if (memo.has(file)) return memo.get(file);
  let key: Buffer | undefined;
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // 'wx': two processes making it at once: one wins, the other reads the winner's
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch {
    // there already (or not writable): read below
  }
  try {
    const text = readFileSync(file, 'utf8').trim();
    key = /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  } catch {
    key = undefined;
  }
  memo.set(file, key);
  return key;
}
