import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLock } from '../../pipeline/core/build-lock.ts';
import { hardStop, onHardStop } from '../../pipeline/core/hard-stop.ts';
import { isAlive, removeStale } from '../../pipeline/core/stale-files.ts';
import { removeTempDirs, tempDir } from '../helpers/project.ts';

afterAll(removeTempDirs);

/** The pid of a process that has exited (a short-lived child's). */
const deadPid = () => spawnSync('true').pid!;

describe("a crashed run's leftovers (issue 21)", () => {
  it('removes only entries named for a run that is gone: not a live run\'s, not ours, not other names', () => {
    const dir = tempDir();
    const dead = deadPid();
    expect(isAlive(dead)).toBe(false);
    mkdirSync(join(dir, `report-chromium-${dead}-AbC123`));
    writeFileSync(join(dir, `report-chromium-${dead}-AbC123`, 'Local State'), '{}');
    mkdirSync(join(dir, `report-chromium-${process.ppid}-XyZ789`)); // a live process
    mkdirSync(join(dir, `report-chromium-${process.pid}-Own000`)); // this very run
    mkdirSync(join(dir, 'report-chromium-LFfoXQ')); // no owner in the name: cannot tell, left alone
    writeFileSync(join(dir, `other-${dead}-x`), '');
    expect(removeStale(dir, /^report-chromium-(\d+)-/)).toEqual([`report-chromium-${dead}-AbC123`]);
    expect(readdirSync(dir).sort()).toEqual([`other-${dead}-x`, `report-chromium-${process.pid}-Own000`, `report-chromium-${process.ppid}-XyZ789`, 'report-chromium-LFfoXQ'].sort());
    expect(removeStale(join(dir, 'missing'), /^x-(\d+)$/)).toEqual([]);
  });

  it('a hard stop runs every registered cleanup once, even after one that throws; a released one not at all', () => {
    const ran: string[] = [];
    onHardStop(() => {
      ran.push('a');
      throw new Error('broken');
    });
    onHardStop(() => ran.push('b'));
    const release = onHardStop(() => ran.push('released'));
    release();
    hardStop();
    hardStop();
    expect(ran).toEqual(['a', 'b']);
  });

  it('a hard stop while the build lock is being released still removes it (Ctrl-C under load left out/.build.lock)', async () => {
    const lock = join(tempDir(), 'out', '.build.lock');
    let release!: () => void;
    const held = withLock(lock, { log: () => undefined }, () => new Promise<void>((r) => (release = r)));
    while (!existsSync(lock) || !release) await new Promise((r) => setTimeout(r, 10));
    release();
    // a few turns of the microtask queue: the lock's release has begun, but no file operation can have completed
    for (let i = 0; i < 10; i++) await Promise.resolve();
    hardStop(); // the wind-down ran out here: the CLI exits right after this call
    expect(existsSync(lock)).toBe(false);
    await held;
    expect(existsSync(lock)).toBe(false);
  });
});
