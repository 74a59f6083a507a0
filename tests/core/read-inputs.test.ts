/** Reading a report's inputs: a missing layout template is a catalog error that names it and says how to restore it. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../pipeline/core/errors.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { buildErrorOf, makeProject, noBrowserEffects, removeTempDirs } from '../helpers/project.ts';

afterAll(removeTempDirs);

describe('readInputs', () => {
  it('refuses a templates folder without one of the layout templates: MISSING_TEMPLATE, at that file', async () => {
    const project = makeProject({ layout: 'cli' });
    rmSync(join(project.templatesDir, 'toc.hbs'));
    const e = await buildErrorOf(() => readInputs(project, noBrowserEffects));
    expect(e.diagnostics.map(formatDiagnostic)).toEqual([
      'templates/toc.hbs  the layout template toc.hbs is missing from templates  [MISSING_TEMPLATE]\n    hint: A report needs layout.hbs, print.css, locale.yaml, units.yaml and the partials (cover.hbs … changelog.hbs) in its templates folder: restore toc.hbs (e.g. `git checkout -- templates/toc.hbs`).',
    ]);
  });
});
