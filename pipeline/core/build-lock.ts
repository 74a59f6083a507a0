/**
 * One build at a time per out/ folder. A second build waits for the first (never interleaving
 * files); a lock left by a process that no longer exists is taken over.
 *
 * The lock file is created complete (a temporary file holding the pid, hard-linked to the lock
 * name, which fails if the lock exists), so a waiting build never reads a half-written lock and
 * takes it for stale. A stale lock is taken over by renaming it aside first and checking that
 * what was renamed is still the dead holder's file.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BuildError, diag } from './errors.ts';
import type { Effects } from './effects.ts';
import { shownPath, writeFailed } from './effects.ts';
import { isAlive } from './stale-files.ts';
import { onHardStop } from './hard-stop.ts';

export async function withLock<T>(lockFile: string, fx: Pick<Effects, 'log'>, work: () => Promise<T>, waitMs = 120_000): Promise<T> {
  try {
    await mkdir(dirname(lockFile), { recursive: true });
  } catch (e) {
    throw writeFailed(dirname(lockFile), e);
  }
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    if (await tryLock(lockFile)) break;
    const holder = await readHolder(lockFile);
    if (holder === undefined) continue; // released meanwhile: try again
    if (!holder.pid || !isAlive(holder.pid)) {
      await takeOverStale(lockFile, holder.ino);
      continue;
    }
    // said before the deadline is checked: a loaded machine may reach the deadline on the first look
    if (!announced) fx.log(`  waiting for the build in process ${holder.pid} to finish…`);
    announced = true;
    if (Date.now() > deadline) throw new BuildError([diag('LOCKED', { pid: holder.pid, lock: shownPath(lockFile) }, { file: shownPath(lockFile) })]);
    await new Promise((r) => setTimeout(r, 100));
  }
  // a hard stop (a second Ctrl-C, or a signal not honoured within the wind-down) exits without
  // this finally: the lock goes with the browser and the print file, synchronously
  const stopNow = onHardStop(() => rmSync(lockFile, { force: true }));
  try {
    return await work();
  } finally {
    // unregistered only once the lock is gone: a hard stop while the removal is under way (a slow
    // wind-down under load) exits before it completes, and left the lock behind
    await rm(lockFile, { force: true });
    stopNow();
  }
}

/** Creates the lock holding this pid, all at once; false when another build holds it. */
async function tryLock(lockFile: string): Promise<boolean> {
  const tmp = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, String(process.pid), { flag: 'wx' });
    await link(tmp, lockFile);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeFailed(lockFile, e);
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

async function readHolder(lockFile: string): Promise<{ pid: number; ino: number } | undefined> {
  try {
    const [text, st] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    return { pid: Number(text.trim()) || 0, ino: st.ino };
  } catch {
    return undefined;
  }
}

async function takeOverStale(lockFile: string, ino: number): Promise<void> {
  const aside = `${lockFile}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // someone else moved it: try again
  }
  const moved = await stat(aside).catch(() => undefined);
  if (moved && moved.ino !== ino) {
    // between reading and renaming, another build replaced the stale lock with its own: give it back
    await link(aside, lockFile).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

