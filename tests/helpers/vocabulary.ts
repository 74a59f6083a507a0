/** The report's vocabulary (templates/units.yaml, templates/locale.yaml), loaded as a check loads it: for tests that load data directly. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../pipeline/core/project.ts';
import { loadVocabulary } from '../../pipeline/check/load-vocabulary.ts';
import { loadData } from '../../pipeline/check/load-data.ts';

const dir = join(repoRoot, 'templates');
export const templateFiles = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => ({ path: `templates/${n}`, bytes: new Uint8Array(readFileSync(join(dir, n))) }));

const loaded = loadVocabulary(templateFiles);
if (!loaded.vocabulary) throw new Error(`templates/ do not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
export const vocabulary = loaded.vocabulary;

/** tests/fixtures/mini's data, loaded with the report's vocabulary. */
export function fixtureData() {
  const dir = join(repoRoot, 'tests', 'fixtures', 'mini', 'data');
  return loadData(
    readdirSync(dir).map((f) => ({ path: `data/${f}`, bytes: new Uint8Array(readFileSync(join(dir, f))) })),
    vocabulary,
  );
}
