/** README.md's error reference is the catalog's: it lists every code, and a stale one fails here. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../pipeline/core/errors.ts';
import { errorReference, referenceEnd, referenceStart, withErrorReference } from '../../pipeline/core/error-reference.ts';
import { repoRoot } from '../../pipeline/core/project.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('the error reference', () => {
  it('has a row for every code, with its severity, message shape and hint', () => {
    const rows = errorReference().split('\n').slice(2);
    expect(rows.map((r) => /^\| `([A-Z0-9_]+)` \|/.exec(r)?.[1])).toEqual(Object.keys(catalog));
    expect(rows).toContain('| `PORT_IN_USE` | error | port ‹port› on 127.0.0.1 is already in use | Another program (perhaps another `npm run dev`) listens there: stop it, or preview on another port, e.g. `npm run dev -- --port 4321`. |');
    // a caller's own hint stands as absent: the row shows the entry's default
    expect(rows.find((r) => r.startsWith('| `DATA_SCHEMA`'))).toContain('Correct the value: README "Data" lists every field, what it may hold and an example.');
  });

  it('in README.md, under Guardrails, is up to date (else: run `npm run docs` and commit README.md)', () => {
    const guardrails = readme.indexOf('\n## Guardrails');
    expect(guardrails).toBeGreaterThan(0);
    expect(readme.indexOf(referenceStart)).toBeGreaterThan(guardrails);
    expect(readme.indexOf(referenceEnd)).toBeGreaterThan(readme.indexOf(referenceStart));
    const current = withErrorReference(readme);
    expect(current === readme, 'README.md\'s error reference is stale: run `npm run docs` and commit README.md').toBe(true);
  });

  it('is found stale when the catalog and the README disagree', () => {
    const edited = readme.replace('| `YAML_EMPTY` | error | the file is empty |', '| `YAML_EMPTY` | error | the file is blank |');
    expect(edited).not.toBe(readme);
    expect(withErrorReference(edited)).toBe(readme);
  });
});
