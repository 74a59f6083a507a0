/** The rendered-template check keeps its findings by the hash of the marked document (issue 19). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { StageTimer } from '../../pipeline/core/stage-timer.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import { renderDocument, stylesheetsFor } from '../../pipeline/render/render-document.ts';
import type { RenderedCheckCache } from '../../pipeline/render/check-layout.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

const project = fixtureProject();
const render = async (rendered: RenderedCheckCache) => {
  const inputs = await readInputs(project, quietEffects);
  return renderDocument(inputs, new StageTimer(quietEffects), { stylesheets: stylesheetsFor(project, inputs), cache: { data: new Map(), specs: new Map(), sources: new Map(), charts: new Map(), chapters: new Map(), advances: new Map(), rendered } });
};
const codes = (e: unknown) => (e instanceof BuildError ? e.diagnostics.map((d) => `${d.code} ${d.message}`) : [String(e)]);

describe('the rendered-template check, cached', () => {
  it('parses a document once: the same document is judged by its kept findings, another is parsed again', async () => {
    const rendered: RenderedCheckCache = new Map();
    await render(rendered);
    expect([...rendered.values()]).toEqual([[]]); // one document, nothing found
    const [key] = rendered.keys();
    // findings kept for this very document are what the check reports (so a rebuild does not parse it)
    rendered.set(key, [{ template: 'figure', what: 'a <iframe> element', hint: 'kept' }]);
    const kept = await render(rendered).then(() => [], codes);
    expect(kept).toEqual([expect.stringMatching(/^TEMPLATE_UNSAFE .*a <iframe> element \(in the rendered output\)/)]);
    // an edited chapter is another document: checked afresh, and only its findings kept
    const chapter = join(project.chaptersDir, '02-outlook.md');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('## 趋势', '## 趋势与展望'));
    await render(rendered);
    expect([...rendered.keys()]).not.toContain(key);
    expect([...rendered.values()]).toEqual([[]]);
  });
});
