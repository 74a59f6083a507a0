/**
 * `npm run dev` on an out/ that already holds the edition of the current inputs starts from it:
 * no print, nothing written. "Current" is the build's own test (build/standing-editions.ts: the
 * source edition printed here from these inputs, code and browser, its PDF, HTML and font
 * subsets unchanged), not a second one. The document is rendered too (out/.cache makes it quick),
 * since the proofs of the next edits are compared with it; it must be out/report.html byte for byte.
 */
import type { BuildCache } from '../build/build-cache.ts';
import { standingEditions } from '../build/standing-editions.ts';
import type { Effects } from '../core/effects.ts';
import type { Project } from '../core/project.ts';
import { readInputs } from '../core/read-inputs.ts';
import { StageTimer } from '../core/stage-timer.ts';
import type { Manifest } from '../edition/manifest.ts';
import { renderDocument, sourceTag, stylesheetsFor, type PrintableDocument } from '../render/render-document.ts';

export interface CurrentEdition {
  manifest: Manifest;
  pdf: Uint8Array;
  /** the document out/report.html holds, as rendered from the inputs now */
  printable: PrintableDocument;
}

export async function currentEdition(project: Project, fx: Effects, cache: BuildCache): Promise<CurrentEdition | undefined> {
  const inputs = await readInputs(project, fx).catch(() => undefined);
  if (!inputs) return undefined;
  const standing = await standingEditions(project, fx, cache.editions, inputs.inputsHash);
  const source = standing.editions.get(sourceTag);
  if (!source || !standing.manifest) return undefined;
  // the HTML stages only, quietly: a failure means "not current"
  const timer = new StageTimer({ ...fx, log: () => undefined });
  const rendered = await renderDocument(inputs, timer, { stylesheets: stylesheetsFor(project, inputs), cache, pageMap: standing.manifest.pageMap }).catch(() => undefined);
  if (!rendered || rendered.printable.doc.html !== new TextDecoder().decode(source.html)) return undefined;
  return { manifest: standing.manifest, pdf: source.pdf, printable: rendered.printable };
}
