/**
 * The new edition of a diff: a folder given with --head; else out/, when it was built from the
 * inputs as they are now (same input hash); else the working tree built afresh into a temporary
 * folder. A diff never rewrites out/report.* — that stays `npm run build`'s job.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../build/build.ts';
import { buildCachePaths } from '../build/build-cache.ts';
import type { Effects } from '../core/effects.ts';
import { holdsEdition, readEditionOutputs, type EditionOutputs } from '../edition/edition-outputs.ts';
import { isProof, readManifest } from '../edition/manifest.ts';
import type { Project } from '../core/project.ts';
import { readInputs } from '../core/read-inputs.ts';

export interface Head {
  outputs: EditionOutputs;
  /** the folder its report.html was read from (its links are relative to it) */
  dir: string;
  /** removes a temporary build */
  cleanup(): Promise<void>;
}

export async function obtainHead(project: Project, fx: Effects, opts: { head?: string; signal?: AbortSignal; log?(line: string): void } = {}): Promise<Head> {
  const none = async () => undefined;
  if (opts.head) return { outputs: await readEditionOutputs(opts.head, `folder ${opts.head}`, fx.readFile), dir: opts.head, cleanup: none };
  const inputs = await readInputs(project, fx);
  if (holdsEdition(project.outDir)) {
    const read = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
    const manifest = read.ok ? read.manifest : undefined;
    // a watch-mode proof is not an edition to review: build the real one
    if (manifest && manifest.inputsHash === inputs.inputsHash && !isProof(manifest)) return { outputs: await readEditionOutputs(project.outDir, 'out/', fx.readFile), dir: project.outDir, cleanup: none };
    opts.log?.(!manifest ? 'head: out/ holds an edition.json this pipeline cannot read: building the working tree into a temporary folder' : manifest.inputsHash === inputs.inputsHash ? 'head: out/ holds a proof from `npm run dev`: building the working tree into a temporary folder' : 'head: out/ was built from other inputs: building the working tree into a temporary folder (out/ is left as it is; `npm run build` updates it)');
  } else opts.log?.('head: no edition in out/: building the working tree into a temporary folder');
  const dir = await mkdtemp(join(tmpdir(), 'edition-head-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    if (existsSync(join(project.outDir, 'edition.json'))) {
      // the last page map and build cache of this same checkout: the build's usual first guesses
      await mkdir(join(dir, '.cache'), { recursive: true });
      await copyFile(join(project.outDir, 'edition.json'), join(dir, 'edition.json'));
      const to = buildCachePaths({ ...project, outDir: dir });
      for (const [i, from] of buildCachePaths(project).entries()) if (existsSync(from)) await copyFile(from, to[i]);
    }
    await build({ ...project, outDir: dir }, { ...fx, log: () => undefined }, { signal: opts.signal });
    return { outputs: await readEditionOutputs(dir, 'working tree', fx.readFile), dir, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
