/**
 * `npm run dev` on an out/ that already holds the edition of the current inputs starts from it:
 * no print, nothing written. "Current" is checked, not assumed: the inputs' hash is the
 * edition's, the PDF is the one the edition names, its font subsets are in place, and the
 * document rendered now (the pipeline may have changed since) is out/report.html byte for byte.
 * That document is what the proofs of the next edits are compared with.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BuildCache } from '../build/build-cache.ts';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import { readInputs } from '../core/read-inputs.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { isProof, manifestSchema, readManifest, type Manifest } from '../edition/manifest.ts';
import { renderDocument, stylesheetsFor, type PrintableDocument } from '../render/render-document.ts';

export interface CurrentEdition {
  manifest: Manifest;
  pdf: Uint8Array;
  /** the document out/report.html holds, as rendered from the inputs now */
  printable: PrintableDocument;
}

export async function currentEdition(project: Project, fx: Effects, cache: BuildCache): Promise<CurrentEdition | undefined> {
  const read = await readManifest(join(project.outDir, 'edition.json'), fx.readFile);
  if (!read.ok || isProof(read.manifest)) return undefined;
  const strict = manifestSchema.safeParse(read.manifest); // made by this pipeline: every field there
  if (!strict.success) return undefined;
  const manifest = strict.data;
  const inputs = await readInputs(project, fx).catch(() => undefined);
  if (inputs?.inputsHash !== manifest.inputsHash) return undefined;
  const files = await Promise.all([fx.readFile(join(project.outDir, 'report.pdf')), fx.readFile(join(project.outDir, 'report.html'))]).catch(() => undefined);
  if (!files || createHash('sha256').update(files[0]).digest('hex') !== manifest.output.pdf.sha256) return undefined;
  // the HTML stages only (out/.cache makes them quick), quietly: a failure means "not current"
  const timer = new StageTimer({ ...fx, log: () => undefined });
  const rendered = await renderDocument(inputs, timer, { stylesheets: stylesheetsFor(project, inputs), cache, pageMap: manifest.pageMap }).catch(() => undefined);
  if (!rendered || rendered.printable.doc.html !== new TextDecoder().decode(files[1])) return undefined;
  const fontsThere = await Promise.all(rendered.printable.fonts.paths.map((p) => fx.readFile(join(project.outDir, p)))).then(() => true, () => false);
  return fontsThere ? { manifest, pdf: files[0], printable: rendered.printable } : undefined;
}
