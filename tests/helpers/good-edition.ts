/**
 * A good edition of the fixture, printed once per test file with the real browser: what the fault,
 * signal, budget and bad-input suites start from (each test copies it into an out/ of its own, or
 * checks that a failed build left it alone).
 */
import { cpSync } from 'node:fs';
import { beforeAll } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import type { Project } from '../../pipeline/core/project.ts';
import { quietEffects } from './fixture.ts';
import { makeProject, tempDir, type Layout } from './project.ts';

/** Under load (other builds beside the suite) one build took two minutes: the print's own limit is raised to match, so the preamble never fails by chance. */
const generousMs = 240_000;

export interface GoodEdition {
  /** the out/ folder that holds the good edition (a test that shares it must leave it as it was) */
  readonly outDir: string;
  /** a fresh fixture project whose out/ (or `outDir`) holds a copy of the good edition */
  project(opts?: { layout?: Layout; outDir?: string }): Project;
}

/** Call at the top of a test file: the edition is built in beforeAll (call removeTempDirs in afterAll). */
export function goodEdition(): GoodEdition {
  let outDir: string | undefined;
  beforeAll(async () => {
    const project = makeProject({ outDir: tempDir('report-good-out-') });
    await build(project, quietEffects, { timeoutMs: generousMs });
    outDir = project.outDir;
  }, generousMs + 60_000);
  const ready = (): string => {
    if (outDir === undefined) throw new Error('goodEdition(): the edition is built in beforeAll; use it inside a test or a later hook');
    return outDir;
  };
  return {
    get outDir() {
      return ready();
    },
    project(opts = {}) {
      const project = makeProject(opts);
      cpSync(ready(), project.outDir, { recursive: true });
      return project;
    },
  };
}
