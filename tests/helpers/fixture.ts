/** Builds the small fixture report of tests/fixtures/mini into a temporary out/ folder. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProject, repoRoot, type Project } from '../../pipeline/core/project.ts';
import type { Effects } from '../../pipeline/core/effects.ts';
import { realEffects } from '../../pipeline/build/real-effects.ts';

export const fixtureDir = join(repoRoot, 'tests', 'fixtures', 'mini');

/** A copy of the fixture in a temp folder (so tests may edit it), using the project's layout templates. */
export function fixtureProject(outDir = mkdtempSync(join(tmpdir(), 'report-out-'))): Project {
  const src = mkdtempSync(join(tmpdir(), 'report-src-'));
  cpSync(fixtureDir, src, { recursive: true });
  return defaultProject(src, { templatesDir: join(repoRoot, 'templates'), chartsDir: join(src, 'charts'), tablesDir: join(src, 'tables'), outDir });
}

/** Real effects with a silent logger. */
export const quietEffects: Effects = { ...realEffects, log: () => undefined };
