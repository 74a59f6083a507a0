/**
 * The editions in out/ that need no new print (issues 16, 19): a locale's PDF, HTML and font
 * subsets stand when this machine printed them from the current inputs (data, chapters,
 * templates), with the current code (the pipeline and the lockfile: the packages, fonts
 * included) and the current browser, and every file still has the bytes it was written with.
 *
 * What was printed is recorded in the build cache, never taken from edition.json (anyone can
 * write out/): the cache is signed with the user's key and emptied by any change of the code
 * or the lockfile (core/cache.ts), so a record holds only for the code that made it. The
 * record's key adds the inputs' hash and the browser (print/browser.ts's identity); the files
 * are checked against its SHA-256s. edition.json must describe the same inputs and PDFs, since
 * it is the edition a reuse returns. `npm run build` reprints nothing that stands, and
 * `npm run dev` starts from a standing source edition (dev/current-edition.ts): one test of
 * "current" for both.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { hashOf, type CachePart } from '../core/cache.ts';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import { editionFile } from '../edition/locale-editions.ts';
import { isProof, manifestSchema, readManifest, type Manifest } from '../edition/manifest.ts';
import { browserIdentity } from '../print/browser.ts';
import { sourceTag } from '../render/render-document.ts';

/** What a full print of one locale left in out/: the SHA-256 of its PDF and HTML, and its font subsets' paths. */
export interface PrintedRecord {
  /** hash of the inputs, the locale and the browser it was printed from */
  from: string;
  pdf: string;
  html: string;
  fonts: string[];
}

/** By locale tag: the last full print of that locale. */
export type EditionCache = CachePart<PrintedRecord>;

export interface StandingEdition {
  pdf: Uint8Array;
  html: Uint8Array;
}

export interface Standing {
  /** out/edition.json, when it describes the current inputs */
  manifest?: Manifest;
  /** by locale tag: the editions whose files stand */
  editions: Map<string, StandingEdition>;
}

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

const printedFrom = async (inputsHash: string, tag: string) => hashOf([inputsHash, tag, await browserIdentity()]);

/** The editions of out/ a build of `inputsHash` may keep as they are. */
export async function standingEditions(project: Project, fx: Pick<Effects, 'readFile'>, cache: EditionCache, inputsHash: string): Promise<Standing> {
  const none: Standing = { editions: new Map() };
  if (!cache.size) return none; // nothing printed here with this code (a fresh clone, CI): no need to read out/
  const read = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
  if (!read.ok || isProof(read.manifest)) return none;
  const strict = manifestSchema.safeParse(read.manifest); // made by this pipeline: every field there
  if (!strict.success || strict.data.inputsHash !== inputsHash) return none;
  const manifest = strict.data;
  const editions = new Map<string, StandingEdition>();
  await Promise.all(
    [...cache].map(async ([tag, record]) => {
      const listed = manifest.locales?.[tag] ?? (tag === sourceTag ? manifest.output.pdf : undefined);
      if (!listed || listed.sha256 !== record.pdf || record.from !== (await printedFrom(inputsHash, tag))) return;
      const file = (ext: 'pdf' | 'html') => fx.readFile(join(project.outDir, editionFile(tag, sourceTag, ext)));
      const files = await Promise.all([file('pdf'), file('html'), ...record.fonts.map((p) => fx.readFile(join(project.outDir, p)))]).catch(() => undefined);
      if (files && sha(files[0]) === record.pdf && sha(files[1]) === record.html) editions.set(tag, { pdf: files[0], html: files[1] });
    }),
  );
  return { manifest, editions };
}

/** Records a locale's full print (after it is written); a proof (watch mode) is no edition to keep. */
export async function recordPrinted(cache: EditionCache, inputsHash: string, tag: string, printed: { pdf: Uint8Array; html: string; fonts: string[]; proof: boolean }): Promise<void> {
  if (printed.proof) cache.delete(tag);
  else cache.set(tag, { from: await printedFrom(inputsHash, tag), pdf: sha(printed.pdf), html: sha(printed.html), fonts: printed.fonts });
}
