/**
 * End to end: `npm run diff`'s code on two editions of a small report, in a git repository the
 * test makes (tests/helpers/edition-repo.ts, fixture tests/fixtures/editions). Edition 1 is the
 * tag e1, built in a temporary worktree; edition 2 is the working tree. Then edition 2 is
 * committed and rebuilt: an unchanged rebuild must report nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { diffEditions, type DiffResult } from '../../pipeline/diff/diff-editions.ts';
import { githubCommentLimit } from '../../pipeline/diff/diff-summary.ts';
import { defaultBaseRef, obtainBase, realExec } from '../../pipeline/diff/edition-base.ts';
import { BuildError } from '../../pipeline/core/errors.ts';
import { editionRepo, type EditionRepo } from '../helpers/edition-repo.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { pdfStructure, readPdf, squash } from '../helpers/pdf.ts';

let repo: EditionRepo;
let result: DiffResult;
let status: string;
const logs: string[] = [];

beforeAll(async () => {
  repo = editionRepo();
  repo.overlay('e2');
  result = await diffEditions({ project: repo.project, base: 'e1', changelog: true, log: (l) => logs.push(l) }, quietEffects);
  status = repo.git('status', '--porcelain');
}, 480_000); // four builds: each edition (e1, e2) in both locales (issue 16)

afterAll(() => repo?.remove());

describe('edition 1 → edition 2', () => {
  it('lists every changed figure with both values, unit and source; the added and the removed one too', () => {
    const data = Object.fromEntries(result.diff.data.map((d) => [d.path, [d.change, d.before?.display, d.after?.display]]));
    expect(data).toEqual({
      'market.ecommerce_size.y2024': ['changed', '15.3万亿元', '15.9万亿元'],
      'market.live_share_2024': ['added', undefined, '18.6%'],
      'platforms.share_2024.alibaba': ['changed', '35.2%', '36.0%'],
      'platforms.vip_spend_ratio': ['changed', '3.5倍', '3.8倍'],
      'platforms.cr5_2024': ['changed', '82.3%', '83.1%'],
      'market.online_retail_growth_2023': ['removed', '11.0%', undefined],
    });
    expect(result.diff.data[0].after).toMatchObject({ unit: '万亿元', source: '艾瑞咨询', year: 2024 });
    expect(result.summary).toContain('| `market.ecommerce_size.y2024` | 电商市场规模 · 2024 | <del>15.3万亿元</del> | <ins>15.9万亿元</ins> | 万亿元 · 艾瑞咨询 |');
    expect(result.summary).toContain('| `platforms.share_2024.alibaba` | 阿里巴巴 · 2024 | <del>35.2%</del> | <ins>36.0%</ins> | % · 艾瑞咨询 |');
  });

  it('follows each changed figure to every sentence, chart and table it reaches', () => {
    const reach = (path: string) => result.diff.data.find((d) => d.path === path)!.reaches;
    expect(reach('market.ecommerce_size.y2024').map((u) => (u.kind === 'text' ? u.section : u.id))).toEqual(['1.1.1', '2.1']);
    expect(reach('platforms.share_2024.alibaba')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'chart', id: 'platform-share' }),
        expect.objectContaining({ kind: 'table', id: 'share-table' }),
        expect.objectContaining({ kind: 'text', section: '1.2', via: 'platforms.cr5_2024' }),
      ]),
    );
  });

  it('finds the changed sentences with their word-level changes', () => {
    const sentences = result.diff.text.filter((t) => t.kind === 'changed').flatMap((t) => t.sentences.map((s) => s.pieces));
    expect(sentences).toContainEqual([
      { op: 'equal', text: '2024年的市场规模为' },
      { op: 'delete', text: '15.3万亿元' },
      { op: 'insert', text: '15.9万亿元' },
      { op: 'equal', text: '，较上年增长' },
      { op: 'delete', text: '8.5%' },
      { op: 'insert', text: '12.8%' },
      { op: 'equal', text: '。' },
    ]);
    expect(sentences).toContainEqual([
      { op: 'equal', text: '2024年，电商市场规模达到' },
      { op: 'delete', text: '15.3万亿元' },
      { op: 'insert', text: '15.9万亿元' },
      { op: 'equal', text: '，同比增长8.2%' },
      { op: 'delete', text: '，增速低于2023年网上零售额的11.0%' },
      { op: 'equal', text: '。' },
    ]);
    const added = result.diff.text.find((t) => t.kind === 'added' && t.after?.part === 'chapter')!;
    expect(added.after).toMatchObject({ text: '直播电商占整体电商市场的比重为18.6%，成为新的增长来源。', section: '1.1.1 整体规模', page: 6 }); // after the cover, the copyright page (two: edition 2's 版本说明 lists its data changes, which run it onto a second page), contents and list of figures (chapters open on the next page: no blank verso)
    // unchanged paragraphs are not reported
    expect(result.diff.text.some((t) => (t.after ?? t.before)!.text.includes('社交电商占比提高'))).toBe(false);
    expect(result.summary).toContain('> 2024年的市场规模为<del>15.3万亿元</del><ins>15.9万亿元</ins>，较上年增长<del>8.5%</del><ins>12.8%</ins>。');
  });

  it('reports the changed chart with before/after images, the changed table cells, and not the unchanged chart', () => {
    expect(result.diff.charts).toEqual([expect.objectContaining({ id: 'platform-share', change: 'changed', aspects: ['drawing'], paths: ['platforms.share_2024.alibaba'], images: { before: 'charts/platform-share.before.png', after: 'charts/platform-share.after.png' } })]);
    const out = join(repo.project.outDir, 'diff');
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['platform-share.after.png', 'platform-share.before.png']);
    const png = readFileSync(join(out, 'charts', 'platform-share.after.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.compare(png, readFileSync(join(out, 'charts', 'platform-share.before.png')))).not.toBe(0);
    expect(result.diff.tables).toEqual([expect.objectContaining({ id: 'share-table', cells: [expect.objectContaining({ row: '阿里巴巴', column: '市场份额（%）', before: '35.2', after: '36.0' }), expect.objectContaining({ row: 'CR5合计', before: '82.3', after: '83.1' })] })]); // the unit in the header (三线表)
  });

  it('reports the page count and the pages whose content changed', () => {
    // edition 2's copyright page runs onto a second with its data changes: one page more, which takes the place of edition 1's blank
    // verso before the back cover (an even count either way; chapters open on the next page, no blank verso in the text)
    expect(result.diff.pages).toMatchObject({ before: 10, after: 10, removed: [] });
    // cover and copyright pages (edition, date, 版本说明 and its data changes), the contents (the list of figures moved from
    // iv to v), both chapter-1 pages, chapter 2, the list of sources (a datum left: its counts), the back cover (edition line);
    // not the list of figures (no content to change)
    expect(result.diff.pages.changed).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
  });

  it('writes the changelog into data/edition.yaml, prints it under 版本说明 on the copyright page, and finds it up to date', () => {
    expect(result.changelogWritten).toBe(true);
    const yaml = readFileSync(join(repo.dir, 'data', 'edition.yaml'), 'utf8');
    expect(yaml).toContain('  - { path: market.ecommerce_size.y2024, label: 电商市场规模, year: 2024, from: 15.3万亿元, to: 15.9万亿元 }');
    expect(yaml).toContain('  - { path: market.online_retail_growth_2023, label: 全国网上零售额同比增速, year: 2023, from: 11.0% }');
    expect(result.diff.changelog.upToDate).toBe(true);
    expect(result.diff.warnings).toEqual([]);
    const rows = result.diff.text.filter((t) => t.after?.part === 'appendix').map((t) => t.after!.text);
    expect(rows).toContain('电商市场规模 | 2024 | 15.3万亿元 | 15.9万亿元');
    expect(rows).toContain('全国网上零售额同比增速 | 2023 | 11.0% | （删除）');
  });

  it('writes summary.md under GitHub\'s comment limit, diff.json and a redline that shows old and new', async () => {
    const out = join(repo.project.outDir, 'diff');
    expect(readdirSync(out).sort()).toEqual(['charts', 'diff.json', 'redline.pdf', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(result.summary);
    expect(result.summary.length).toBeLessThan(githubCommentLimit);
    expect(JSON.parse(readFileSync(join(out, 'diff.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(result.diff)));
    const redline = await readPdf(readFileSync(join(out, 'redline.pdf')));
    const text = squash(redline.text);
    expect(text).toContain('达到15.3万亿元15.9万亿元'); // struck, then inserted, in place
    expect(text).toContain('同比增长8.2%，增速低于2023年网上零售额的11.0%。'); // the deleted clause, struck through
    expect(text).toContain('直播电商占整体电商市场的比重为18.6%');
    // its fonts: subsets cut to its own text (the deleted words' characters too), one per face it draws with, like the report's; not the npm fonts' slices
    const { fonts } = await pdfStructure(readFileSync(join(out, 'redline.pdf')));
    expect(fonts.length).toBeLessThanOrEqual(5);
    expect(fonts.every((f) => f.embedded && /^\/[A-Z]{6}\+NotoS(ans|erif)SC-(Regular|Medium|Bold)$/.test(f.name))).toBe(true);
  });

  it('leaves the working tree as it was (but for the changelog) and removes the worktree', () => {
    expect(status.split('\n').map((l) => l.trim()).sort()).toEqual(['M chapters/01-market.md', 'M data/edition.yaml', 'M data/market.yaml', 'M data/platforms.yaml']);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(existsSync(join(repo.dir, 'out', 'report.pdf'))).toBe(false); // a diff never writes the edition itself
    expect(logs.some((l) => l.startsWith('base: building git e1'))).toBe(true);
  });
});

describe('an unchanged rebuild', () => {
  it('reports no differences: no data, text, chart, table or page, the same PDF bytes', async () => {
    repo.commit('edition 2');
    await build(repo.project, quietEffects);
    const again = await diffEditions({ project: repo.project, base: 'HEAD' }, quietEffects);
    const d = again.diff;
    expect({ data: d.data, texts: d.texts, text: d.text, charts: d.charts, tables: d.tables, warnings: d.warnings, pages: d.pages }).toEqual({ data: [], texts: [], text: [], charts: [], tables: [], warnings: [], pages: { before: 10, after: 10, changed: [], removed: [] } });
    expect(d.identical).toBe(true);
    expect(d.samePdf).toBe(true);
    expect(d.head.source).toBe('out/');
    expect(again.summary).toContain('**No differences**');
    expect(readdirSync(join(repo.project.outDir, 'diff')).sort()).toEqual(['diff.json', 'redline.pdf', 'summary.md']);
  }, 240_000);
});

describe('finding the base', () => {
  const opts = () => ({ root: repo.dir, nodeModules: join(repo.dir, 'node_modules'), exec: realExec, readFile: quietEffects.readFile });

  it('defaults to the merge-base with the main branch', async () => {
    expect(await defaultBaseRef(opts(), {})).toBe(repo.git('rev-parse', 'HEAD'));
  });

  it('builds a git base from the head\'s cache and font subsets when it runs the same code: no probe, no font cut again, the same bytes', async () => {
    const head = JSON.parse(readFileSync(join(repo.project.outDir, 'edition.json'), 'utf8'));
    const runs: string[][] = [];
    const exec: typeof realExec = (cmd, args, o) => (runs.push([cmd, ...args]), realExec(cmd, args, o));
    const base = await obtainBase('HEAD', { ...opts(), exec, seedFrom: repo.project.outDir });
    // built by this checkout's bundle, not TypeScript through tsx, and without a web edition nobody reads
    const builds = runs.filter((r) => r.includes('build') && r[0] === process.execPath);
    expect(builds.map((r) => r.slice(1).map((a) => a.replace(/^.*[\\/]pipeline[\\/]/, 'pipeline/')))).toEqual([['pipeline/run.mjs', 'build', '--no-site']]);
    expect(Object.keys(base.manifest.timings)).not.toContain('site');
    expect(Object.keys(base.manifest.timings)).not.toContain('subset fonts');
    expect(Object.keys(head.timings)).toContain('subset fonts'); // (the head, built from nothing, cut them)
    expect([base.manifest.printProbes, base.manifest.printPasses]).toEqual([1, 1]);
    expect(base.manifest.output.pdf.sha256).toBe(head.output.pdf.sha256);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  }, 240_000);

  it('takes a folder holding an edition as it is', async () => {
    const base = await obtainBase(repo.project.outDir, opts());
    expect(base.source).toBe(`folder ${repo.project.outDir}`);
    expect(base.manifest.id).toBe('diff-report-e2');
  });

  it('refuses what is neither a folder holding an edition nor a git ref', async () => {
    const error = await obtainBase('no-such-ref', opts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).diagnostics.map((d) => d.code)).toEqual(['DIFF_NO_BASE']);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  });
});
