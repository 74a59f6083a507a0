/**
 * The layout templates checked on their rendered output (issue 21): the document assembled once
 * more with each template's output marked, parsed, and held against the allow-list of
 * check/rendered-markup.ts. The source check (check/check-templates.ts) gives positions; this
 * one cannot be talked around by how the source is spelt.
 */
import { templatePath } from '../check/check-templates.ts';
import { renderedDiagnostics, renderedProblems } from '../check/rendered-markup.ts';
import type { Diagnostic } from '../core/errors.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { compileLayout, type AssembleInput } from './assemble.ts';
import type { PageMap } from './page-map.ts';

export function checkRenderedLayout(inputs: Inputs, input: AssembleInput, pageMap: PageMap): Diagnostic[] {
  const doc = compileLayout(inputs.layout, { markTemplates: true }).assemble(input, pageMap);
  return renderedDiagnostics(renderedProblems(doc.html), (name) => templatePath(inputs, `${name}.hbs`));
}
