/** Where a report's inputs and outputs live. The real report uses the defaults; tests point elsewhere. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Project {
  root: string;
  dataDir: string;
  chaptersDir: string;
  templatesDir: string;
  chartsDir: string;
  tablesDir: string;
  outDir: string;
}

/** The repository: the nearest folder above this module with a package.json (also when bundled). */
export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'pipeline'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}

export function defaultProject(root = repoRoot, overrides: Partial<Project> = {}): Project {
  const templatesDir = overrides.templatesDir ?? join(root, 'templates');
  return {
    root,
    dataDir: join(root, 'data'),
    chaptersDir: join(root, 'chapters'),
    templatesDir,
    chartsDir: join(templatesDir, 'charts'),
    tablesDir: join(templatesDir, 'tables'),
    outDir: join(root, 'out'),
    ...overrides,
  };
}

/** Whether `path` lies strictly inside the folder `dir` (lexically: no `..` escape, not `dir` itself). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
