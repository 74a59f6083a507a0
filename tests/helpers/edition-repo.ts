/**
 * A git repository in a temporary folder holding the pipeline and the two-edition fixture of
 * tests/fixtures/editions: edition 1 committed (tag e1), edition 2 laid over it in the working
 * tree. The layout templates are the project's own; charts and tables come from the fixture.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProject, repoRoot, type Project } from '../../pipeline/core/project.ts';

export const editionsFixture = join(repoRoot, 'tests', 'fixtures', 'editions');

export interface EditionRepo {
  dir: string;
  project: Project;
  git(...args: string[]): string;
  /** lays the files of tests/fixtures/editions/<name> over the working tree */
  overlay(name: 'e1' | 'e2'): void;
  commit(message: string): void;
  remove(): void;
}

export function editionRepo(): EditionRepo {
  const dir = mkdtempSync(join(tmpdir(), 'edition-repo-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  cpSync(join(repoRoot, 'pipeline'), join(dir, 'pipeline'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  cpSync(join(repoRoot, 'package-lock.json'), join(dir, 'package-lock.json')); // the same code version as this checkout's (core/cache.ts)
  for (const f of readdirSync(join(repoRoot, 'templates'), { withFileTypes: true })) if (f.isFile()) cpSync(join(repoRoot, 'templates', f.name), join(dir, 'templates', f.name));
  cpSync(join(repoRoot, 'templates', 'site'), join(dir, 'templates', 'site'), { recursive: true }); // the web edition's templates
  writeFileSync(join(dir, '.gitignore'), 'node_modules\nout/\n');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const overlay = (name: string) => cpSync(join(editionsFixture, name), dir, { recursive: true });
  overlay('e1');
  git('init', '-q');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  commit('edition 1');
  git('tag', 'e1');
  return { dir, project: defaultProject(dir), git, overlay, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
