/**
 * The build's effects, passed in rather than reached for where tests replace them: clock,
 * logger, reading the inputs, atomic writes of the edition, the browser. Tests swap them for
 * fakes; commands use `realEffects` (build/real-effects.ts).
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Browser } from 'puppeteer';
import type { SourceFile } from './source-text.ts';
import { isInside } from './project.ts';
import { BuildError, diag } from './errors.ts';
import { readConfined } from './confine.ts';

export interface LaunchOptions {
  /** how long the browser may take to start (and to answer any one protocol call), ms */
  timeoutMs?: number;
}

export interface Effects {
  /** monotonic milliseconds */
  clock(): number;
  log(line: string): void;
  readFiles(dir: string, extensions: string[], root: string): Promise<SourceFile[]>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Writes a set of files all or nothing: every file goes to a temporary sibling and is flushed
   * first; only when all are on disk are they renamed over the old ones, and if a rename fails
   * the ones already renamed are put back. A failure leaves every old file as it was and no
   * temporary file behind, and is reported as WRITE_FAILED with the path.
   */
  writeFiles(files: { path: string; bytes: Uint8Array | string }[]): Promise<void>;
  remove(path: string): Promise<void>;
  /** the names in a folder; none when there is no such folder */
  listDir(dir: string): Promise<string[]>;
  launchBrowser(opts?: LaunchOptions): Promise<Browser>;
}

/** The file-system calls writeFiles makes: node:fs/promises, or a fake that fails where a test wants it to. */
export interface WriteFs {
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  writeFile(path: string, bytes: Uint8Array | string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: true }): Promise<void>;
}

export const nodeWriteFs: WriteFs = {
  mkdir: (path, opts) => fsp.mkdir(path, opts),
  async writeFile(path, bytes) {
    // 'wx': a temporary name is never someone else's file
    const fh = await fsp.open(path, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  link: (a, b) => fsp.link(a, b),
  copyFile: (a, b) => fsp.copyFile(a, b),
  rename: (a, b) => fsp.rename(a, b),
  rm: (path, opts) => fsp.rm(path, opts),
};

/** What an errno means for someone whose build could not write out/. */
const errnoText: Record<string, string> = {
  ENOSPC: 'no space left on the disk (ENOSPC)',
  EDQUOT: 'the disk quota is exhausted (EDQUOT)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EROFS: 'the file system is read-only (EROFS)',
  ENOTDIR: 'a part of the path is a file, not a folder (ENOTDIR)',
  EISDIR: 'a folder is in the way (EISDIR)',
  EEXIST: 'a file is in the way of a folder (EEXIST)',
  ENOTEMPTY: 'a folder is in the way (ENOTEMPTY)',
  ENOENT: 'a folder on the way does not exist (ENOENT)',
  EMFILE: 'too many open files (EMFILE)',
  ENFILE: 'too many open files in the system (ENFILE)',
  EIO: 'input/output error of the disk (EIO)',
  EBUSY: 'the file is busy (EBUSY)',
  EXDEV: 'the temporary file is on another file system (EXDEV)',
};

/** A path as the user knows it: relative to where the command runs, when it is inside. */
export function shownPath(path: string): string {
  return isInside(process.cwd(), path) ? relative(process.cwd(), path).split('\\').join('/') : path;
}

/** Any error of a write, as the catalog's WRITE_FAILED naming the file. BuildErrors pass through. */
export function writeFailed(path: string, e: unknown): BuildError {
  if (e instanceof BuildError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const detail = (code && errnoText[code]) ?? ((e as Error)?.message ?? String(e)).split('\n')[0];
  return new BuildError([diag('WRITE_FAILED', { target: shownPath(path), detail }, { file: shownPath(path), cause: e })]);
}

/**
 * How many files are written (and flushed) at once. One by one, each fsync waited for the disk
 * before the next file began: ~300 files of a first build took 1–1.5 s; side by side the flushes
 * overlap (issue 19).
 */
const writesAtOnce = 16;

/**
 * `step` for every item, at most `limit` at a time; after a failure no new step starts. Resolves
 * once every started step has ended, with the failure of the first failed item (in the items'
 * order, so the same fault is named on every run), or undefined.
 */
async function stepsAtOnce<T>(items: T[], limit: number, step: (item: T) => Promise<void>): Promise<{ item: T; error: unknown } | undefined> {
  const failures = new Map<number, unknown>();
  let next = 0;
  const lane = async () => {
    while (next < items.length && failures.size === 0) {
      const i = next++;
      await step(items[i]).catch((error) => failures.set(i, error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failures.size === 0) return undefined;
  const first = Math.min(...failures.keys());
  return { item: items[first], error: failures.get(first) };
}

/** All-or-nothing writes over a WriteFs (see Effects.writeFiles). */
export function atomicWriter(fs: WriteFs = nodeWriteFs): Effects['writeFiles'] {
  return async (files) => {
    const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
    const staged: { tmp: string; path: string; bytes: Uint8Array | string; backup?: string }[] = files.map((f, i) => ({ tmp: join(dirname(f.path), `.${tag}.${i}.tmp`), path: f.path, bytes: f.bytes }));
    const cleanup = async (paths: (string | undefined)[]) => {
      await Promise.all(paths.filter((p): p is string => !!p).map((p) => fs.rm(p, { force: true }).catch(() => undefined)));
    };
    // 1. every file to a temporary sibling, flushed (a few at a time)
    const unwritten = await stepsAtOnce(staged, writesAtOnce, async (s) => {
      await fs.mkdir(dirname(s.path), { recursive: true });
      await fs.writeFile(s.tmp, s.bytes);
    });
    if (unwritten) {
      await cleanup(staged.map((s) => s.tmp));
      throw writeFailed(unwritten.item.path, unwritten.error);
    }
    // 2. keep the old files (a hard link costs nothing) so a failed rename can be undone
    const unkept = await stepsAtOnce(staged, writesAtOnce, async (s) => {
      const backup = `${s.tmp}.old`;
      try {
        await fs.link(s.path, backup);
        s.backup = backup;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // no old file: nothing to keep
        await fs.copyFile(s.path, backup);
        s.backup = backup;
      }
    });
    if (unkept) {
      await cleanup(staged.flatMap((x) => [x.tmp, x.backup, `${x.tmp}.old`]));
      throw writeFailed(unkept.item.path, unkept.error);
    }
    // 3. rename all into place; on a failure put back what was already replaced
    const done: typeof staged = [];
    for (const s of staged) {
      try {
        await fs.rename(s.tmp, s.path);
        done.push(s);
      } catch (e) {
        for (const d of done.reverse()) {
          if (d.backup) await fs.rename(d.backup, d.path).catch(() => undefined);
          else await fs.rm(d.path, { force: true }).catch(() => undefined);
        }
        await cleanup(staged.flatMap((x) => [x.tmp, x.backup]));
        throw writeFailed(s.path, e);
      }
    }
    await cleanup(staged.map((s) => s.backup));
  };
}

/** Every effect but the browser, as a real run has them (build/real-effects.ts adds the browser). */
export const fileEffects: Omit<Effects, 'launchBrowser'> = {
  clock: () => performance.now(),
  log: (line) => process.stderr.write(line + '\n'),
  async readFiles(dir, extensions, root) {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return [];
    }
    const picked = names.filter((n) => extensions.some((e) => n.endsWith(e)) && !n.startsWith('.')).sort();
    // a folder of the project (lexically) must really be inside it; one the project was set up with elsewhere (a test's shared templates) is its own root
    const read = await Promise.all(picked.map(async (n) => ({ path: relative(root, join(dir, n)).split('\\').join('/'), bytes: await readConfined(join(dir, n), root, isInside(root, dir) ? [] : [dir]) })));
    const refused = read.flatMap((f) => (f.bytes instanceof Uint8Array ? [] : [f.bytes]));
    if (refused.length > 0) throw new BuildError(refused);
    return read as SourceFile[];
  },
  readFile: (path) => fsp.readFile(path),
  writeFiles: atomicWriter(),
  remove: (path) => fsp.rm(path, { force: true }),
  listDir: (dir) => fsp.readdir(dir).catch(() => []),
};
