/**
 * One build at a time per out/ folder. A second build waits for the first (never interleaving
 * files); a lock left by a process that no longer exists is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BuildError, diag } from './errors.ts';
import type { Effects } from './effects.ts';

export async function withLock<T>(lockFile: string, fx: Pick<Effects, 'log'>, work: () => Promise<T>, waitMs = 120_000): Promise<T> {
  await mkdir(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => '0'));
      if (!holder || !isAlive(holder)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new BuildError([diag('LOCKED', { pid: holder, lock: lockFile }, { file: lockFile })]);
      if (!announced) fx.log(`  waiting for the build in process ${holder} to finish…`);
      announced = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
