/** Where a report's inputs and outputs live. The real report uses the defaults; tests point elsewhere. */
import { resolve, join } from 'node:path';
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

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

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
