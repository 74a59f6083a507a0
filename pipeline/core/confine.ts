/**
 * What a build may read and where it may write (issue 21). An input is read only when its real
 * path (symlinks resolved) lies inside the project, it is a regular file and it is not larger
 * than a report's file can be; a link out names the link and never shows what it points at,
 * since the message lands in a public CI log. The out folder must be a folder of the project, or
 * one outside it that holds nothing but an earlier edition.
 */
import * as fsp from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { BuildError, diag, type Diagnostic } from './errors.ts';
import { isInside } from './project.ts';

/** The largest input file: the whole report's data is a few hundred kB; more is a mistake or an attack. */
export const maxInputBytes = 8 * 1024 * 1024;
/**
 * The largest YAML file (data, charts, tables, templates/*.yaml): the biggest of the report is
 * 12 kB. Checking YAML costs seconds per megabyte (the parser keeps every node's position), so 4 MB
 * would hold a CI job for half a minute: refused at once instead, by its size (issue 21).
 */
export const maxYamlBytes = 512 * 1024;
const maxBytesOf = (path: string) => (/\.ya?ml$/i.test(path) ? maxYamlBytes : maxInputBytes);

/** A path with symlinks resolved, also when its last parts do not exist yet. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

/** Whether `path` (real) is `dir` (real) or lies inside it. */
export const isWithin = (dir: string, path: string) => {
  const d = realPathOf(dir);
  const p = realPathOf(path);
  return p === d || isInside(d, p);
};

const shown = (root: string, path: string) => relative(root, path).split('\\').join('/');

/**
 * Reads one input file if it may be read; otherwise the diagnostic that says why. `root` is the
 * project; `also` are further folders whose files may be read (the font packages).
 */
export async function readConfined(path: string, root: string, also: string[] = []): Promise<Uint8Array | Diagnostic> {
  const file = shown(root, path);
  if (![root, ...also].some((r) => isWithin(r, path))) return diag('INPUT_OUTSIDE', { file }, { file });
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the stat below refuses it anyway
  const fh = await fsp.open(realPathOf(path), fsp.constants.O_RDONLY | fsp.constants.O_NONBLOCK).catch(() => undefined);
  if (!fh) return diag('INPUT_NOT_FILE', { file, found: 'something that cannot be opened' }, { file });
  try {
    const st = await fh.stat();
    if (!st.isFile()) return diag('INPUT_NOT_FILE', { file, found: st.isDirectory() ? 'a folder' : 'a device, pipe or socket' }, { file });
    const max = maxBytesOf(path);
    if (st.size > max) return diag('INPUT_TOO_LARGE', { file, size: megabytes(st.size), max: megabytes(max) }, { file });
    // exactly the size seen: a file that grows while it is read cannot make the build read on
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return new Uint8Array(buf.subarray(0, n));
  } finally {
    await fh.close();
  }
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The names an edition's out folder holds (build, pages, diff, dev and their temporary files). */
const editionEntry = /^(report(\.[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*)?\.(pdf|html)|edition\.json|charts|pages|diff|site|\.cache|\.fonts|\.build\.lock|\.print-.*|\..*\.tmp(\.old)?)$/;

/**
 * Refuses an out folder the build must not write to: a symlink (it would write wherever the link
 * points, and the print page would follow it), or a folder outside the project that holds
 * anything but an earlier edition (`--out /`, `--out ~`).
 */
export async function checkOutDir(root: string, outDir: string): Promise<void> {
  const st = await fsp.lstat(outDir).catch(() => undefined);
  const folder = isInside(root, outDir) ? shown(root, outDir) : outDir;
  if (st?.isSymbolicLink()) throw new BuildError([diag('OUT_UNSAFE', { folder, why: 'it is a symbolic link' })]);
  if (isWithin(root, outDir)) {
    if (realPathOf(outDir) === realPathOf(root)) throw new BuildError([diag('OUT_UNSAFE', { folder, why: 'it is the project folder itself' })]);
    return;
  }
  if (!st) return;
  if (!st.isDirectory()) throw new BuildError([diag('OUT_UNSAFE', { folder, why: 'it is not a folder' })]);
  const foreign = (await fsp.readdir(outDir)).filter((n) => !editionEntry.test(n));
  if (foreign.length > 0) throw new BuildError([diag('OUT_UNSAFE', { folder, why: `it is outside the project and holds ${foreign.length} file(s) that are not an edition's, e.g. ${foreign.sort()[0]}` })]);
}
