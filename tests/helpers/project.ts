/**
 * Self-contained copies of the fixture report for the guardrail tests: a temp folder with data/,
 * chapters/, charts/, tables/ and a copy of the repository's layout templates, an optional
 * overlay of bad files on top, and helpers to compare out/ byte for byte and to watch the
 * process table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultProject, repoRoot, type Project } from '../../pipeline/core/project.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import type { Effects } from '../../pipeline/core/effects.ts';
import { realEffects } from '../../pipeline/build/real-effects.ts';
import { fixtureDir } from './fixture.ts';

export const templatesDir = join(repoRoot, 'templates');

/** Real effects, silent, and no browser: for builds that must stop in the check. */
export const noBrowserEffects: Effects = {
  ...realEffects,
  log: () => undefined,
  launchBrowser: () => Promise.reject(new Error('this test has no browser: the build was expected to stop before printing')),
};

export type Layout = 'fixture' | 'cli';

/**
 * A temp copy of tests/fixtures/mini with the layout templates copied in. `fixture` layout keeps
 * charts/ and tables/ at the top (as the fixture has them); `cli` puts them under templates/, as
 * `defaultProject(cwd)` expects when the CLI runs in that folder.
 */
const made: string[] = [];

/** Removes every folder makeProject and tempDir made (call in afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temp folder removed by removeTempDirs. */
export function tempDir(prefix = 'report-guard-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function makeProject(opts: { layout?: Layout; outDir?: string; prefix?: string } = {}): Project {
  const layout = opts.layout ?? 'fixture';
  const root = tempDir(opts.prefix ?? 'report-case-');
  cpSync(fixtureDir, root, { recursive: true });
  cpSync(templatesDir, join(root, 'templates'), { recursive: true, filter: (src) => !/[\\/]templates[\\/](charts|tables)(?:$|[\\/])/.test(src) });
  if (layout === 'cli') {
    for (const d of ['charts', 'tables']) {
      cpSync(join(root, d), join(root, 'templates', d), { recursive: true });
      rmSync(join(root, d), { recursive: true });
    }
  }
  const outDir = opts.outDir ?? join(root, 'out');
  return layout === 'cli'
    ? defaultProject(root, { outDir })
    : defaultProject(root, { templatesDir: join(root, 'templates'), chartsDir: join(root, 'charts'), tablesDir: join(root, 'tables'), outDir });
}

/** Where a fixture-relative file (charts/x.yaml) lives in a project of the given layout. */
export function placeOf(file: string, layout: Layout): string {
  return layout === 'cli' && /^(charts|tables)\//.test(file) ? `templates/${file}` : file;
}

/** Copies every file of `caseDir` except expect.yaml over the project (bytes as they are), and removes `remove`. */
export function overlay(project: Project, caseDir: string, layout: Layout, remove: string[] = []): string[] {
  const written: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const rel = relative(caseDir, abs).split('\\').join('/');
      if (lstatSync(abs).isSymbolicLink()) {
        // a committed symlink stays a symlink (the cases of links out of the project)
        const target = join(project.root, placeOf(rel, layout));
        mkdirSync(dirname(target), { recursive: true });
        rmSync(target, { force: true });
        symlinkSync(readlinkSync(abs), target);
        written.push(rel);
      } else if (statSync(abs).isDirectory()) walk(abs);
      else if (rel !== 'expect.yaml') {
        const target = join(project.root, placeOf(rel, layout));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, readFileSync(abs));
        written.push(rel);
      }
    }
  };
  walk(caseDir);
  for (const r of remove) rmSync(join(project.root, placeOf(r, layout)), { force: true });
  return written;
}

/** Every file under dir (dotfiles included), path → bytes as hex-free Buffer; plus every folder. */
export function snapshot(dir: string): Map<string, Buffer | 'dir'> {
  const out = new Map<string, Buffer | 'dir'>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const rel = relative(dir, abs).split('\\').join('/');
      if (statSync(abs).isDirectory()) {
        out.set(rel + '/', 'dir');
        walk(abs);
      } else out.set(rel, readFileSync(abs));
    }
  };
  walk(dir);
  return out;
}

/** The differences between two snapshots, as readable lines ([] when byte-for-byte equal). */
export function snapshotDiff(before: Map<string, Buffer | 'dir'>, after: Map<string, Buffer | 'dir'>): string[] {
  const lines: string[] = [];
  for (const [k, v] of before) {
    const w = after.get(k);
    if (w === undefined) lines.push(`removed ${k}`);
    else if (v === 'dir' || w === 'dir' ? v !== w : !v.equals(w)) lines.push(`changed ${k}`);
  }
  for (const k of after.keys()) if (!before.has(k)) lines.push(`added ${k}`);
  return lines;
}

/** Runs `work` and returns the BuildError it throws (fails when it throws anything else or nothing). */
export async function buildErrorOf(work: () => Promise<unknown>): Promise<BuildError> {
  try {
    await work();
  } catch (e) {
    if (e instanceof BuildError) return e;
    throw new Error(`expected a BuildError, got: ${(e as Error)?.stack ?? String(e)}`);
  }
  throw new Error('expected the build to fail, but it succeeded');
}

// ---- the process table ----

export interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  cmdline: string;
}

/** Every live (non-zombie) process, read from /proc. */
export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = rest[0];
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), ppid: Number(rest[1]), pgid: Number(rest[2]), state, cmdline });
    } catch {
      // the process ended while we read it
    }
  }
  return out;
}

/** Live descendants of a process (children, their children …). */
export function descendantsOf(pid: number, table = processes()): Proc[] {
  const out: Proc[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const c of table) if (c.ppid === p) (out.push(c), queue.push(c.pid));
  }
  return out;
}

/** Live processes that belong to a browser started by this test: in its process group, or descendants of this test, or matching `marker`. */
export function strays(opts: { groups?: number[]; marker?: string; browserLike?: RegExp }): Proc[] {
  const table = processes();
  const browserLike = opts.browserLike ?? /chrom/i;
  return table.filter(
    (p) =>
      p.pid !== process.pid &&
      ((opts.groups ?? []).includes(p.pgid) || (opts.marker !== undefined && p.cmdline.includes(opts.marker)) || (descendantsOf(process.pid, table).some((d) => d.pid === p.pid) && browserLike.test(p.cmdline))),
  );
}

/** Waits until `cond` holds or `ms` pass; returns the last value. */
export async function eventually<T>(get: () => T, cond: (v: T) => boolean, ms = 5000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  let v = get();
  while (!cond(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = get();
  }
  return v;
}

// ---- the command line ----

const tsx = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const cli = join(repoRoot, 'pipeline', 'cli', 'main.ts');

/** Starts `node pipeline/cli/main.ts …` in a project folder laid out as a checkout (templates/charts, templates/tables). */
export function spawnCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>; stderrText(): string } {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (b) => (stderr += b));
  child.stdout!.on('data', (b) => (stdout += b));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
  return Object.assign(child, { done, stderrText: () => stderr });
}

export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnCli(cwd, args, env).done;
}

/** Live processes whose environment holds `NAME=value` (children inherit it, even after they are re-parented). */
export function processesWithEnv(entry: string): Proc[] {
  return processes().filter((p) => {
    if (p.pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').includes(entry);
    } catch {
      return false;
    }
  });
}

/** Files a build must never leave behind in out/: the print page, staged or backup files, the lock. */
export function leftovers(outDir: string): string[] {
  return [...snapshot(outDir).keys()].filter((k) => /(^|\/)\.print-[^/]*\.html$|\.tmp$|\.old$|(^|\/)\.build\.lock/.test(k));
}
