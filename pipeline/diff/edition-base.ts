/**
 * The base edition of a diff: a folder holding an earlier edition's outputs, or a git ref built
 * in a temporary worktree with that ref's own pipeline (`node --import tsx pipeline/cli/main.ts
 * build`), reusing this checkout's node_modules through a symlink instead of installing. The
 * user's working tree, index and branches are not touched; the worktree is removed afterwards,
 * whatever happens. Git runs through `exec`, passed in.
 */
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { codeVersion, codeVersionOf } from '../core/cache.ts';
import { repoRoot } from '../core/project.ts';
import { BuildError, diag } from '../core/errors.ts';
import { holdsEdition, readEditionOutputs, type EditionOutputs } from '../edition/edition-outputs.ts';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Exec = (cmd: string, args: string[], opts: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }) => Promise<ExecResult>;

export const realExec: Exec = (cmd, args, opts) =>
  new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 0, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && !stderr ? err.message : '') });
    });
  });

export interface BaseOptions {
  /** the project's root (inside a git repository) */
  root: string;
  /** node_modules to link into the worktree */
  nodeModules: string;
  exec: Exec;
  readFile(path: string): Promise<Uint8Array>;
  /** a folder whose edition.json page map seeds the base build's first print */
  seedFrom?: string;
  timeoutMs?: number;
  log?(line: string): void;
}

/** A folder holding an edition, or a git ref built in a temporary worktree. */
export async function obtainBase(ref: string, opts: BaseOptions): Promise<EditionOutputs> {
  if (existsSync(ref) && holdsEdition(ref)) return readEditionOutputs(ref, `folder ${ref}`, opts.readFile);
  return buildFromGit(ref, opts);
}

async function git(opts: BaseOptions, args: string[], cwd = opts.root): Promise<string> {
  const r = await opts.exec('git', args, { cwd });
  if (r.code !== 0) throw new BuildError([diag('DIFF_GIT', { command: args.join(' '), detail: r.stderr.trim().split('\n')[0] || `exit code ${r.code}`, folder: cwd }, { cause: r.stderr.trim() || undefined })]);
  return r.stdout.trim();
}

/**
 * The default base: the merge-base of HEAD with the main branch — the pull request's base
 * branch on GitHub Actions (GITHUB_BASE_REF), else origin/main, main, origin/master, master.
 */
export async function defaultBaseRef(opts: Pick<BaseOptions, 'root' | 'exec'>, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = [...(env.GITHUB_BASE_REF ? [`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF] : []), 'origin/main', 'main', 'origin/master', 'master'];
  for (const c of candidates) {
    const r = await opts.exec('git', ['rev-parse', '--verify', '--quiet', `${c}^{commit}`], { cwd: opts.root });
    if (r.code !== 0) continue;
    const base = await opts.exec('git', ['merge-base', 'HEAD', c], { cwd: opts.root });
    if (base.code === 0 && base.stdout.trim()) return base.stdout.trim();
  }
  throw new BuildError([diag('DIFF_NO_BASE', { ref: '(default)', detail: `no main branch among ${candidates.join(', ')}` }, { file: opts.root })]);
}

async function buildFromGit(ref: string, opts: BaseOptions): Promise<EditionOutputs> {
  const fail = (detail: string) => new BuildError([diag('DIFF_NO_BASE', { ref, detail }, { file: opts.root })]);
  const resolved = await opts.exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: opts.root });
  if (resolved.code !== 0) throw fail('neither a folder holding an edition nor a git ref of this repository');
  const commit = resolved.stdout.trim();
  const top = await git(opts, ['rev-parse', '--show-toplevel']);
  const sub = relative(top, opts.root);
  const tmp = await mkdtemp(join(tmpdir(), 'edition-base-'));
  const worktree = join(tmp, 'worktree');
  const project = join(worktree, sub);
  const link = join(project, 'node_modules');
  const label = `git ${ref} (${commit.slice(0, 7)})`;
  let added = false;
  try {
    opts.log?.(`base: building ${label} in a temporary worktree`);
    await git(opts, ['worktree', 'add', '--detach', '--quiet', worktree, commit], top);
    added = true;
    if (!existsSync(link)) await symlink(opts.nodeModules, link, 'dir');
    const sameCode = codeVersionOf(project) === codeVersion();
    if (opts.seedFrom) await seed(opts.seedFrom, join(project, 'out'), sameCode);
    const r = await opts.exec(process.execPath, baseBuildArgs(project, sameCode), { cwd: project, timeoutMs: opts.timeoutMs ?? 600_000 });
    if (r.code !== 0) {
      const tail = (r.stderr || r.stdout).trim().split('\n').slice(-12).join('\n');
      throw new BuildError([diag('DIFF_BASE_BUILD', { ref: label, detail: `\n${tail}` }, { file: opts.root })]);
    }
    return await readEditionOutputs(join(project, 'out'), label, opts.readFile);
  } finally {
    await unlink(link).catch(() => undefined); // the link first: nothing may reach through it
    if (added) await opts.exec('git', ['worktree', 'remove', '--force', worktree], { cwd: top });
    await rm(tmp, { recursive: true, force: true });
    await opts.exec('git', ['worktree', 'prune'], { cwd: top });
  }
}

/**
 * How the base is built. With this very code (the usual pull request: content changed), by this
 * checkout's bundle (pipeline/run.mjs: about a second faster to start than TypeScript through
 * tsx) and without the web edition, which nobody reads in a base (issue 19). Other code builds
 * with its own entry point: pipeline/cli/main.ts since the pipeline has rooms, pipeline/cli.ts before.
 */
function baseBuildArgs(project: string, sameCode: boolean): string[] {
  if (sameCode) return [join(repoRoot, 'pipeline', 'run.mjs'), 'build', '--no-site'];
  const entry = ['pipeline/cli/main.ts', 'pipeline/cli.ts'].find((p) => existsSync(join(project, p))) ?? 'pipeline/cli/main.ts';
  return ['--import', 'tsx', entry, 'build'];
}

/**
 * What the head's build left, for the base build (issue 19): its page map, the base's first
 * guess (a good one saves a print pass); its cache (out/.cache), so the base draws and renders
 * only what the commits changed (every part file names the code that wrote it, and the base's
 * pipeline ignores one written by other code); and the font subsets (out/.fonts, named by their
 * characters), when the base runs the same code, so the same text is not cut again.
 */
async function seed(from: string, out: string, sameCode: boolean): Promise<void> {
  if (!existsSync(join(from, 'edition.json'))) return;
  await mkdir(out, { recursive: true });
  await copyFile(join(from, 'edition.json'), join(out, 'edition.json'));
  for (const dir of sameCode ? ['.cache', '.fonts'] : ['.cache']) {
    if (existsSync(join(from, dir))) await cp(join(from, dir), join(out, dir), { recursive: true, filter: (src) => !/\.tmp$|\.old$/.test(src) });
  }
}
