/**
 * Issue 21: every command stops on SIGINT and SIGTERM, even mid-stage, and no way of dying
 * leaves a browser behind. A run's browser profile is named with the run's pid
 * (report-chromium-<pid>-…), so each test counts the processes of exactly that run's profile,
 * whatever else the shared machine runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../pipeline/core/project.ts';
import { goodEdition } from '../helpers/good-edition.ts';
import { eventually, leftovers, processes, removeTempDirs, snapshot, snapshotDiff, spawnCli } from '../helpers/project.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const good = goodEdition();
afterAll(removeTempDirs);

const withGoodEdition = (): Project => good.project({ layout: 'cli' });

/** The profile folders of the run with this pid, and the live processes that use one. */
const profilePrefix = (pid: number) => `report-chromium-${pid}-`; // browser.ts names them so
const profilesOf = (pid: number, dir = tmpdir()) => readdirSync(dir).filter((n) => n.startsWith(profilePrefix(pid)));
const browsersOf = (pid: number, dir = tmpdir()) => processes().filter((p) => p.cmdline.includes(`--user-data-dir=${join(dir, profilePrefix(pid))}`));

const marker = () => ({ REPORT_GUARD_TEST: randomBytes(6).toString('hex') });

describe('a signal stops a build mid-stage', () => {
  // the stage lines are logged when a stage ends: the signal arrives while the next one runs
  const points = [
    { signal: 'SIGTERM', code: 143, after: /^ {2}read inputs /m, during: 'the data check' },
    { signal: 'SIGINT', code: 130, after: /^ {2}check /m, during: 'the chart drawing' },
    { signal: 'SIGTERM', code: 143, after: /^ {2}launch browser /m, during: 'the print' }, // logged when the browser is ready, right before printing
  ] as const;

  it.each(points)('$signal during $during: exit $code, out/ unchanged, no print file, its browser and profile gone', async ({ signal, code, after }) => {
    const project = withGoodEdition();
    const before = snapshot(project.outDir);
    const child = spawnCli(project.root, ['build'], marker());
    await eventually(() => child.stderrText(), (s) => after.test(s) || child.exitCode !== null, 150_000, 5);
    expect(child.stderrText()).toMatch(after);
    child.kill(signal);
    const r = await child.done;
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain('build interrupted: nothing was written; out/ is unchanged.');
    expect(snapshotDiff(before, snapshot(project.outDir))).toEqual([]);
    expect(leftovers(project.outDir)).toEqual([]);
    expect(browsersOf(child.pid!)).toEqual([]);
    expect(profilesOf(child.pid!)).toEqual([]);
  });
});

describe('no orphan, however the run ends', () => {
  it('kill -9 mid-print leaves no Chromium; the next build removes the dead run\'s profile and print file', async () => {
    const project = withGoodEdition();
    // a temporary folder of its own: any build running beside it (the suite's other files) clears the profiles of dead runs it finds
    const tmp = mkdtempSync(join(tmpdir(), 'signals-'));
    const child = spawnCli(project.root, ['build'], { ...marker(), TMPDIR: tmp });
    const printFile = () => join(project.outDir, `.print-${child.pid}.html`);
    await eventually(() => existsSync(printFile()) && browsersOf(child.pid!, tmp).length > 0, (v) => v || child.exitCode !== null, 150_000, 5);
    expect(browsersOf(child.pid!, tmp).length).toBeGreaterThan(0); // Chromium is running, the print page is written
    child.kill('SIGKILL');
    await child.done;
    // over its pipe, Chromium takes Node's death as its own
    expect(await eventually(() => browsersOf(child.pid!, tmp), (p) => p.length === 0, 10_000)).toEqual([]);
    expect(profilesOf(child.pid!, tmp)).toHaveLength(1); // left behind: nobody was there to remove it …
    expect(existsSync(printFile())).toBe(true);

    const next = await spawnCli(project.root, ['build'], { TMPDIR: tmp }).done;
    expect(next.code, next.stderr).toBe(0);
    expect(profilesOf(child.pid!, tmp)).toEqual([]); // … until the next run
    expect(leftovers(project.outDir)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a double Ctrl-C stops dev at once: exit 130, its browser and profile gone', async () => {
    const project = withGoodEdition();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawnCli(project.root, ['dev', '--port', String(port)], marker());
    await eventually(() => browsersOf(child.pid!).length, (n) => n > 0 || child.exitCode !== null, 150_000, 5);
    expect(browsersOf(child.pid!).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    // two signals sent back to back may arrive as one; a dev that starts from a current out/ may
    // also be done winding down before the second: either way it stops at once, with nothing left
    setTimeout(() => child.exitCode === null && child.kill('SIGINT'), 20);
    const r = await child.done;
    expect([0, 130], r.stderr).toContain(r.code);
    expect(await eventually(() => browsersOf(child.pid!), (p) => p.length === 0, 10_000)).toEqual([]);
    expect(profilesOf(child.pid!)).toEqual([]);
  });

  it('a single Ctrl-C while dev is still starting is honoured', async () => {
    const project = withGoodEdition();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawnCli(project.root, ['dev', '--port', String(port)], marker());
    await eventually(() => browsersOf(child.pid!).length, (n) => n > 0 || child.exitCode !== null, 150_000, 5);
    expect(child.stderrText()).not.toContain('dev: watching'); // still starting
    child.kill('SIGINT');
    const r = await child.done;
    expect([0, 130], r.stderr).toContain(r.code);
    expect(await eventually(() => browsersOf(child.pid!), (p) => p.length === 0, 10_000)).toEqual([]);
    expect(profilesOf(child.pid!)).toEqual([]);
  });
});
