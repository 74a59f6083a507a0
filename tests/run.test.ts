/**
 * pipeline/run.mjs, the launcher that runs commands from an esbuild bundle, on a copy of the
 * project with its own node_modules/.cache: commands started together, and a command still
 * running from an older bundle while the sources change under it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../pipeline/core/project.ts';

let root: string;
let cache: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'report-run-'));
  for (const entry of ['pipeline', 'data', 'chapters', 'templates', 'package.json', 'package-lock.json']) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
  // the project's packages, but a cache of its own
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(repoRoot, 'node_modules')).filter((n) => n !== '.cache')) symlinkSync(join(repoRoot, 'node_modules', name), join(root, 'node_modules', name));
  cache = join(root, 'node_modules', '.cache', 'report-pipeline');
});

afterAll(() => {
  for (const c of children) c.kill();
  rmSync(root, { recursive: true, force: true });
});

function run(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['pipeline/run.mjs', ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const bundles = () => readdirSync(cache).filter((n) => n !== 'in-use').sort();
const files = (bundle: string) => readdirSync(join(cache, bundle), { recursive: true }).map(String).sort();
/** A source edited in a room's folder: a new state of the sources. */
const editSource = () => appendFileSync(join(root, 'pipeline', 'core', 'did-you-mean.ts'), '\n');

describe('pipeline/run.mjs', () => {
  it('runs commands started together, from one bundle made whole, and leaves no note of them', async () => {
    const results = await Promise.all([run('check'), run('check'), run('check')]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^check: 0 errors, \d+ warnings in \d+ ms$/m);
    }
    expect(bundles()).toHaveLength(1); // no half-made bundle left behind
    expect(files(bundles()[0])).toContain('cli.js');
    expect(readdirSync(join(cache, 'in-use'))).toEqual([]);
  }, 120_000);

  it('makes a new bundle when a source changes, keeping the one a running command uses until it ends', async () => {
    const [old] = bundles();
    const oldFiles = files(old);
    // a command still running from the old bundle (as `npm run dev` would be), noted as run.mjs notes it
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)']);
    children.push(running);
    writeFileSync(join(cache, 'in-use', String(running.pid)), old);

    editSource();
    expect((await run('check')).code).toBe(0);
    const [next] = bundles().filter((b) => b !== old);
    expect(bundles()).toEqual([old, next].sort());
    expect(files(old)).toEqual(oldFiles); // its lazy chunks are all still there

    running.kill();
    await new Promise((resolve) => running.once('exit', resolve));
    editSource();
    expect((await run('check')).code).toBe(0);
    expect(bundles()).toHaveLength(1);
    expect(bundles()).not.toContain(old);
    expect(bundles()).not.toContain(next);
    expect(existsSync(join(cache, 'in-use', String(running.pid)))).toBe(false);
  }, 120_000);

  it('bundles again when the lockfile changes (the libraries bundled in)', async () => {
    const [before] = bundles();
    expect((await run('check')).code).toBe(0);
    expect(bundles()).toEqual([before]); // nothing changed: the same bundle
    appendFileSync(join(root, 'package-lock.json'), '\n');
    expect((await run('check')).code).toBe(0);
    expect(bundles()).not.toEqual([before]);
  }, 120_000);
});
