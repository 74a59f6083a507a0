/**
 * The zh-Hant PDF's text check in a build (issue 16). It runs while the zh-Hans edition prints,
 * no longer after both prints: a Simplified leftover in the zh-Hant PDF must still fail the
 * build, name the file, page and characters, and leave the edition in out/ as it was.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import { repoRoot, type Project } from '../../pipeline/core/project.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

let project: Project;

/** every file of out/ with its modification time */
const mtimes = (dir: string) => new Map(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => [f, statSync(join(dir, f)).mtimeMs]));

beforeAll(async () => {
  // a copy of the templates, so the test may edit print.css
  const templates = mkdtempSync(join(tmpdir(), 'locale-check-templates-'));
  cpSync(join(repoRoot, 'templates'), templates, { recursive: true });
  project = { ...fixtureProject(), templatesDir: templates };
  await build(project, quietEffects);
}, 400_000);

describe('the zh-Hant PDF text check in a build', () => {
  it('fails on Simplified text that reached the zh-Hant PDF unconverted, at its page, and writes nothing', { timeout: 300_000 }, async () => {
    // generated content comes from print.css as it is: the conversion never sees it, the PDF's text does.
    // 国 is Simplified and the TC fonts have its glyph; 这 is not in them and would print from whatever
    // system font a machine has, or as a blank whose text is U+0000
    const css = join(project.templatesDir, 'print.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\nh1.front-title::after { content: "国家"; }\n`);
    const before = mtimes(project.outDir);
    const failed = await build(project, quietEffects).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(BuildError);
    const left = (failed as BuildError).diagnostics.filter((d) => d.code === 'LOCALE_SIMPLIFIED_LEFT');
    expect(left.length).toBeGreaterThan(0);
    expect(left[0]).toMatchObject({ file: 'out/report.zh-Hant.pdf', params: { tag: 'zh-Hant', found: '国', expected: '國' } });
    expect(left[0].message).toMatch(/on page \d+/);
    // the edition in out/ is untouched (only the new text's font subsets went to out/.fonts, before the print, as for any print)
    const changed = [...mtimes(project.outDir)].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
    expect(changed.filter((f) => !f.startsWith('.fonts/'))).toEqual([]);
  });
});
