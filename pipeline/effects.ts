/**
 * The build's effects, passed in rather than reached for: clock, logger, file reads and atomic
 * writes, browser. Tests swap them for fakes; the CLI uses `realEffects`.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Browser } from 'puppeteer';
import type { SourceFile } from './model.ts';
import { launchBrowser } from './browser.ts';

export interface Effects {
  /** monotonic milliseconds */
  clock(): number;
  log(line: string): void;
  readFiles(dir: string, extensions: string[], root: string): Promise<SourceFile[]>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Writes a set of files all or nothing: every file goes to a temporary sibling and is flushed
   * first; only when all are on disk are they renamed over the old ones. A failure before that
   * leaves every old file as it was.
   */
  writeFiles(files: { path: string; bytes: Uint8Array | string }[]): Promise<void>;
  remove(path: string): Promise<void>;
  launchBrowser(): Promise<Browser>;
}

export const realEffects: Effects = {
  clock: () => performance.now(),
  log: (line) => process.stderr.write(line + '\n'),
  async readFiles(dir, extensions, root) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const picked = names.filter((n) => extensions.some((e) => n.endsWith(e)) && !n.startsWith('.')).sort();
    return Promise.all(picked.map(async (n) => ({ path: relative(root, join(dir, n)).split('\\').join('/'), bytes: await readFile(join(dir, n)) })));
  },
  readFile: (path) => readFile(path),
  async writeFiles(files) {
    const staged: { tmp: string; path: string }[] = [];
    try {
      for (const f of files) {
        await mkdir(dirname(f.path), { recursive: true });
        const tmp = join(dirname(f.path), `.${process.pid}.${staged.length}.tmp`);
        staged.push({ tmp, path: f.path });
        const fh = await open(tmp, 'w');
        try {
          await fh.writeFile(f.bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
    } catch (e) {
      await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
      throw e;
    }
    for (const s of staged) await rename(s.tmp, s.path);
  },
  remove: (path) => rm(path, { force: true }),
  launchBrowser: () => launchBrowser(),
};
