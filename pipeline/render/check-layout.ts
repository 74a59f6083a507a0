/**
 * The layout templates checked on their rendered output (issue 21): the document assembled once
 * more with each template's output marked, parsed, and held against the allow-list of
 * check/rendered-markup.ts. The source check (check/check-templates.ts) gives positions; this
 * one cannot be talked around by how the source is spelt.
 *
 * Parsing the whole document is the costly part; its findings are kept under the hash of the
 * marked document and its language (issue 19), so a rebuild of the same document does not parse
 * it again. Any change of a template, chapter or figure changes that document, and it is checked
 * again.
 */
import { templatePath } from '../check/check-templates.ts';
import { renderedDiagnostics, renderedProblems, type Problem } from '../check/rendered-markup.ts';
import { cachedBy, hashOf, prune, type CachePart } from '../core/cache.ts';
import type { Diagnostic } from '../core/errors.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { compileLayout, type AssembleInput } from './assemble.ts';
import type { PageMap } from './page-map.ts';

/** The findings of the check, by the hash of the marked document. */
export type RenderedCheckCache = CachePart<Problem[]>;

export function checkRenderedLayout(inputs: Inputs, input: AssembleInput, pageMap: PageMap, cache: RenderedCheckCache = new Map()): Diagnostic[] {
  const doc = compileLayout(inputs.layout, { markTemplates: true }).assemble(input, pageMap);
  // one entry per language: the editions of one build (zh-Hans, zh-Hant) do not evict each other
  const lang = `${doc.head.lang}:`;
  const key = lang + hashOf(doc.html);
  const problems = cachedBy(cache, key, () => renderedProblems(doc.html));
  prune(cache, (k) => k === key || (/^[\w-]+:/.test(k) && !k.startsWith(lang)));
  return renderedDiagnostics(problems, (name) => templatePath(inputs, `${name}.hbs`));
}
