/**
 * A build reprints nothing that stands (build/standing-editions.ts): the fixture report, built
 * once, is built again unchanged (no browser, nothing written), per locale, and after edits of a
 * chapter, a template and a data value (reprinted).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import type { Effects } from '../../pipeline/core/effects.ts';
import { repoRoot, type Project } from '../../pipeline/core/project.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';

let project: Project;
let launches = 0;
/** real effects that count the browsers launched */
const fx: Effects = { ...quietEffects, launchBrowser: (o) => (launches++, quietEffects.launchBrowser(o)) };

/** every file of out/ with its modification time */
const mtimes = (dir: string) => new Map(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
const changed = (before: Map<string, number>, after: Map<string, number>) => [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f).sort();
const bytes = (f: string) => readFileSync(join(project.outDir, f));

/** Builds and says what it did: the locales reused, browsers launched, files written. */
async function buildCounting(opts: Parameters<typeof build>[2] = {}) {
  const before = mtimes(project.outDir);
  launches = 0;
  const r = await build(project, fx, opts);
  return { reused: r.reused, launches, written: changed(before, mtimes(project.outDir)), manifest: r.manifest };
}

beforeAll(async () => {
  project = fixtureProject();
  // a copy of the templates, so the test may edit one
  const templates = mkdtempSync(join(tmpdir(), 'reuse-templates-'));
  cpSync(join(repoRoot, 'templates'), templates, { recursive: true });
  project = { ...project, templatesDir: templates };
  await build(project, fx);
}, 400_000);

describe('reuse of the editions in out/', () => {
  it('reprints nothing when nothing changed: no browser, nothing written, the same PDFs', { timeout: 200_000 }, async () => {
    const pdfs = [bytes('report.pdf'), bytes('report.zh-Hant.pdf')];
    const r = await buildCounting();
    expect(r.reused).toEqual(['zh-Hans', 'zh-Hant']);
    expect([r.launches, r.written]).toEqual([0, []]);
    expect(Buffer.compare(bytes('report.pdf'), pdfs[0])).toBe(0);
    expect(Buffer.compare(bytes('report.zh-Hant.pdf'), pdfs[1])).toBe(0);
  });

  it('still checks: bad input fails the build and leaves out/ as it was', { timeout: 200_000 }, async () => {
    const market = join(project.dataDir, 'market.yaml');
    const good = readFileSync(market, 'utf8');
    const before = mtimes(project.outDir);
    writeFileSync(market, good.replace('value: 15.3', 'value: "15.3万亿"'));
    try {
      await expect(build(project, fx)).rejects.toBeInstanceOf(BuildError);
    } finally {
      writeFileSync(market, good);
    }
    expect(changed(before, mtimes(project.outDir))).toEqual([]);
  });

  it('reprints a PDF whose bytes on disk are not the ones printed', { timeout: 200_000 }, async () => {
    const good = bytes('report.zh-Hant.pdf');
    writeFileSync(join(project.outDir, 'report.zh-Hant.pdf'), Buffer.concat([good, Buffer.from('\n%tampered\n')]));
    const r = await buildCounting();
    expect(r.reused).toEqual(['zh-Hans']);
    expect(Buffer.compare(bytes('report.zh-Hant.pdf'), good)).toBe(0);
    // the source edition and the site's copy of its PDF are not written again (only changed bytes are)
    expect(r.written.filter((f) => !f.startsWith('.'))).toEqual(['edition.json', 'report.zh-Hant.html', 'report.zh-Hant.pdf']);
  });

  it('builds one locale without touching the other or the site, and alternating full and one-locale builds reprint nothing', { timeout: 200_000 }, async () => {
    const one = await buildCounting({ locales: ['zh-Hans'] });
    expect([one.reused, one.launches, one.written]).toEqual([['zh-Hans'], 0, []]);
    const both = await buildCounting();
    expect([both.reused, both.launches, both.written]).toEqual([['zh-Hans', 'zh-Hant'], 0, []]);
  });

  for (const [what, file, edit] of [
    ['a chapter', (p: Project) => join(p.chaptersDir, '01-market.md'), (s: string) => s.replace('数据中的文字按原样印出', '数据中的文字按原样印出来')],
    ['a template', (p: Project) => join(p.templatesDir, 'print.css'), (s: string) => `${s}\n/* an edit */\n`],
    ['a data value', (p: Project) => join(p.dataDir, 'market.yaml'), (s: string) => s.replace('value: 11.0', 'value: 11.5')],
  ] as const) {
    it(`reprints both editions after an edit of ${what}`, { timeout: 300_000 }, async () => {
      const path = file(project);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      const r = await buildCounting();
      expect([r.reused, r.launches]).toEqual([[], 1]);
      expect(r.written).toEqual(expect.arrayContaining(['report.pdf', 'report.zh-Hant.pdf', 'edition.json']));
      expect(r.manifest.inputsHash).toBe(JSON.parse(bytes('edition.json').toString()).inputsHash);
    });
  }

  it('a one-locale build after an edit removes the other locale\'s stale edition; the next full build prints only that one', { timeout: 300_000 }, async () => {
    const path = join(project.chaptersDir, '02-outlook.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('## 趋势', '## 趋势\n\n展望一节的新句子。'));
    const one = await buildCounting({ locales: ['zh-Hans'] });
    expect(one.reused).toEqual([]);
    const listing = readdirSync(project.outDir);
    expect(listing).toContain('report.pdf');
    expect(listing).not.toContain('report.zh-Hant.pdf');
    expect(readdirSync(join(project.outDir, 'site'))).not.toContain('report.zh-Hant.pdf');
    expect(Object.keys(JSON.parse(bytes('edition.json').toString()).locales)).toEqual(['zh-Hans']);
    const sitePdf = statSync(join(project.outDir, 'site', 'report.pdf')).mtimeMs;
    const both = await buildCounting();
    expect([both.reused, both.launches]).toEqual([['zh-Hans'], 1]);
    expect(both.written).toContain('report.zh-Hant.pdf');
    expect(both.written).not.toContain('report.pdf');
    expect(statSync(join(project.outDir, 'site', 'report.pdf')).mtimeMs).toBe(sitePdf); // unchanged bytes: not rewritten
    expect(Object.keys(JSON.parse(bytes('edition.json').toString()).locales).sort()).toEqual(['zh-Hans', 'zh-Hant']);
  });
});
