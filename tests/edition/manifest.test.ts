/**
 * out/edition.json read back through its schema: what a build writes reads back as it was; an
 * edition.json this pipeline cannot read stops a diff with a message that names the field and
 * says what to do, and is ignored by a build, which then starts from nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build/build.ts';
import { diffEditions } from '../../pipeline/diff/diff-editions.ts';
import { BuildError, formatDiagnostic } from '../../pipeline/core/errors.ts';
import type { Project } from '../../pipeline/core/project.ts';
import { parseManifest, readLastManifest } from '../../pipeline/edition/manifest.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

let project: Project;
let first: BuildResult;
let written: string;
const made: string[] = [];
const temp = (prefix: string) => made[made.push(mkdtempSync(join(tmpdir(), prefix))) - 1];

beforeAll(async () => {
  project = fixtureProject(temp('report-out-'));
  first = await build(project, quietEffects);
  written = readFileSync(join(project.outDir, 'edition.json'), 'utf8');
}, 120_000);

afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The edition.json just built, changed by `edit`. */
const edited = (edit: (m: Record<string, any>) => void) => {
  const m = JSON.parse(written);
  edit(m);
  return JSON.stringify(m);
};

/** A copy of the built edition whose edition.json is `text`. */
function editionWith(text: string): string {
  const dir = temp('report-edition-');
  for (const f of ['edition.json', 'report.html', 'report.pdf']) cpSync(join(project.outDir, f), join(dir, f));
  writeFileSync(join(dir, 'edition.json'), text);
  return dir;
}

describe('parseManifest', () => {
  it('reads back what a build writes, field for field and in the same order', () => {
    const read = parseManifest(written);
    expect(read.ok).toBe(true);
    if (read.ok) expect(JSON.stringify(read.manifest, null, 2) + '\n').toBe(written);
  });

  it('names the first field that does not fit, and what it holds', () => {
    const problem = (text: string) => {
      const read = parseManifest(text);
      return read.ok ? 'read' : read.problem;
    };
    expect(problem(edited((m) => delete m.output.pdf.sha256))).toBe('`output.pdf.sha256`: expected string, found nothing');
    expect(problem(edited((m) => (m.pageMap = [3, 4])))).toBe('`pageMap`: expected object, found a list');
    expect(problem(edited((m) => (Object.values(m.data)[0] as { value: unknown }).value = '15.3'))).toMatch(/^`data\.[a-z_.0-9]+\.value`: expected number, found "15\.3"$/);
    expect(problem(edited((m) => (m.lineage[Object.keys(m.lineage)[0]] = [{ kind: 'footnote' }])))).toMatch(/^`lineage\.[a-z_.0-9]+\.0`: /);
    expect(problem('{"id": "r-e1", ')).toMatch(/^not JSON/);
    expect(problem('[]')).toBe('the file: expected object, found a list');
  });

  it('reads an edition made before the data, the data texts and the lineage were recorded (the diff compares what both have)', () => {
    const read = parseManifest(edited((m) => (delete m.data, delete m.texts, delete m.lineage, delete m.printProbes)));
    expect(read.ok && [read.manifest.data, read.manifest.texts, read.manifest.lineage]).toEqual([undefined, undefined, undefined]);
  });
});

describe('the last edition as a first guess', () => {
  it('gives a locale without a page map of its own the source\'s (a source-only build after an edit dropped its record)', async () => {
    const dir = editionWith(edited((m) => delete m.locales['zh-Hant']));
    const last = await readLastManifest({ ...project, outDir: dir }, quietEffects);
    expect(last.pageMap('zh-Hans')!.totalPages).toBeGreaterThan(0);
    expect(last.pageMap('zh-Hant')).toEqual(last.pageMap('zh-Hans'));
    // its own when it has one
    const own = editionWith(edited((m) => (m.locales['zh-Hant'].pageMap.totalPages += 1)));
    const kept = await readLastManifest({ ...project, outDir: own }, quietEffects);
    expect(kept.pageMap('zh-Hant')!.totalPages).toBe(kept.pageMap('zh-Hans')!.totalPages + 1);
  });
});

describe('an edition.json this pipeline cannot read', () => {
  // as an edition of an older pipeline might look: the PDF's facts at the top level
  const old = () => edited((m) => ((m.pdf = m.output.pdf), delete m.output));

  it('stops a diff that needs it, naming the edition and the field and saying to rebuild it', async () => {
    const base = editionWith(old());
    const error = await diffEditions({ project, base, head: project.outDir, outDir: temp('report-diff-') }, quietEffects).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const [d] = (error as BuildError).diagnostics;
    expect(d.code).toBe('DIFF_BAD_EDITION');
    expect(d.file).toBe(join(base, 'edition.json'));
    expect(d.message).toBe(`the edition folder ${base} has an edition.json this pipeline cannot read: \`output\`: expected object, found nothing`);
    expect(d.hint).toContain('Rebuild that edition with this pipeline');
    expect(formatDiagnostic(d)).toContain('[DIFF_BAD_EDITION]');
    // the same for the new edition
    const head = editionWith('{ "id": "truncated');
    const again = await diffEditions({ project, base: project.outDir, head, outDir: temp('report-diff-') }, quietEffects).catch((e: unknown) => e);
    expect((again as BuildError).diagnostics.map((x) => [x.code, x.message.replace(/\(.*\)/, '(…)')])).toEqual([['DIFF_BAD_EDITION', `the edition folder ${head} has an edition.json this pipeline cannot read: not JSON (…)`]]);
  });

  it('is ignored by a build, which starts from nothing (a probe print) and makes the same bytes', async () => {
    const pdf = readFileSync(join(project.outDir, 'report.pdf'));
    for (const text of [old(), edited((m) => (m.pageMap = { tocPages: { 'ch-1': 3 }, totalPages: '4' })), 'not json']) {
      writeFileSync(join(project.outDir, 'edition.json'), text);
      rmSync(join(project.outDir, '.cache', 'layouts.json'), { force: true }); // nor a layout its last print left in the cache
      const again = await build(project, quietEffects, { locales: ['zh-Hans'] }); // the source alone: its own probes (the placement and the layout that prints)
      expect([again.manifest.printProbes, again.manifest.printPasses]).toEqual([2, 1]);
      expect(Buffer.compare(readFileSync(join(project.outDir, 'report.pdf')), pdf)).toBe(0);
      expect(parseManifest(readFileSync(join(project.outDir, 'edition.json'), 'utf8'))).toMatchObject({ ok: true, manifest: { id: 'mini-report-e3' } }); // and replaced
    }
    // the first build, from an empty out/: each edition found its numbers with the placement's probe
    expect([first.manifest.printProbes, first.manifest.printPasses]).toEqual([2, 1]);
  }, 120_000);
});
