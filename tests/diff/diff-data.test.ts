/** Data and lineage between two manifests, the edition-number warnings, and the changelog (`changes`). */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { changelogProblems, expectedChanges, writeChangelog, type ChangeEntry } from '../../pipeline/diff/changelog.ts';
import { diffData, editionWarnings } from '../../pipeline/diff/diff-data.ts';
import type { DatumRecord, Manifest } from '../../pipeline/edition/manifest.ts';
import { EditionSchema } from '../../pipeline/check/data-schemas.ts';
import { BuildError, formatDiagnostic } from '../../pipeline/core/errors.ts';

const datum = (value: number, display: string, extra: Partial<DatumRecord> = {}): DatumRecord => ({ label: '电商市场规模', value, unit: '万亿元', year: 2024, source: '艾瑞咨询', display, ...extra });

function manifest(number: number, data: Record<string, DatumRecord>, more: Partial<Manifest> = {}): Manifest {
  return {
    id: `r-e${number}`,
    edition: { number, date: '2025-01-15', status: 'draft', data_cutoff: '2024-12-31', slug: 'r', title: 'T' },
    inputsHash: 'x',
    inputs: { 'data/market.yaml': 'a', 'data/edition.yaml': 'e' },
    output: { pdf: { sha256: 's', bytes: 1, pages: 1 } },
    charts: {},
    pageMap: { tocPages: {}, totalPages: 1, frontPages: 0 },
    printPasses: 1,
    timings: {},
    data,
    texts: { 'market.note': '旧的说明' },
    lineage: {
      'platforms.share.a': [{ kind: 'chart', id: 'share', label: '图1-1' }],
      'platforms.cr': [{ kind: 'text', chapter: 'market', section: '1.2', sentence: 'CR2为60%。' }],
      'market.size': [{ kind: 'text', chapter: 'market', section: '1.1', sentence: '规模为15.9万亿元。' }],
      'market.note': [{ kind: 'table', id: 't', label: '表1-1' }],
    },
    ...more,
  };
}

const shares = (a: number, b: number) => ({
  'platforms.share.a': datum(a, `${a}%`, { unit: '%', label: '甲' }),
  'platforms.share.b': datum(b, `${b}%`, { unit: '%', label: '乙' }),
  'platforms.cr': datum(a + b, `${a + b}%`, { unit: '%', label: 'CR2', derived: { kind: 'sum', of: ['platforms.share'] } }),
});

describe('diffData', () => {
  const before = manifest(1, { 'market.size': datum(15.3, '15.3万亿元'), 'market.old': datum(1, '1万亿元', { label: '旧指标' }), ...shares(35, 25) });
  const after = manifest(2, { 'market.size': datum(15.9, '15.9万亿元'), 'market.new': datum(2, '2万亿元', { label: '新指标', source: '国家统计局' }), ...shares(36, 25) }, { texts: { 'market.note': '新的说明' }, inputs: { 'data/market.yaml': 'b', 'data/edition.yaml': 'e', 'chapters/01.md': 'c' } });
  const d = diffData(before, after);

  it('lists every changed, added and removed datum with both values, unit and source', () => {
    expect(d.data.map((x) => [x.path, x.change, x.before?.display, x.after?.display])).toEqual([
      ['market.size', 'changed', '15.3万亿元', '15.9万亿元'],
      ['market.new', 'added', undefined, '2万亿元'],
      ['platforms.share.a', 'changed', '35%', '36%'],
      ['platforms.cr', 'changed', '60%', '61%'],
      ['market.old', 'removed', '1万亿元', undefined],
    ]);
    expect(d.data[0].fields).toEqual(['display', 'value']);
    expect(d.data[1].after).toMatchObject({ unit: '万亿元', source: '国家统计局' });
  });

  it('follows a change through the derived figures computed from it', () => {
    const a = d.data.find((x) => x.path === 'platforms.share.a')!;
    expect(a.reaches).toEqual([
      { kind: 'chart', id: 'share', label: '图1-1' },
      { kind: 'text', chapter: 'market', section: '1.2', sentence: 'CR2为60%。', via: 'platforms.cr' },
    ]);
  });

  it('compares data texts and input files', () => {
    expect(d.texts).toEqual([{ path: 'market.note', change: 'changed', before: '旧的说明', after: '新的说明', reaches: [{ kind: 'table', id: 't', label: '表1-1' }] }]);
    expect(d.inputs).toEqual({ changed: ['data/market.yaml'], added: ['chapters/01.md'], removed: [] });
  });

  it('shows a figure that became qualified, or whose qualifier changed, and compares kinds only when both editions record them', () => {
    const merchants = (extra: Partial<DatumRecord>) => datum(50, '50万家', { unit: '万家', label: '商家', ...extra });
    const x = manifest(1, { 'platforms.merchants': merchants({}), 'market.size': datum(15.3, '15.3万亿元') });
    const y = manifest(2, { 'platforms.merchants': merchants({ display: '超过50万家', qualifier: '超过', kind: 'count' }), 'market.size': datum(15.3, '15.3万亿元', { kind: 'amount' }) });
    const [c, ...rest] = diffData(x, y).data;
    expect(c).toMatchObject({ path: 'platforms.merchants', change: 'changed', fields: ['display', 'qualifier'] });
    expect(rest).toEqual([]); // a kind the older edition did not record is no change
    const z = manifest(3, { 'platforms.merchants': merchants({ display: '50万家以上', qualifier: '以上', kind: 'count' }), 'market.size': datum(15.3, '15.3万亿元', { kind: 'amount' }) });
    expect(diffData(y, z).data.map((d) => [d.path, d.fields])).toEqual([['platforms.merchants', ['display', 'qualifier']]]);
  });

  it('warns when the data changed but the edition number did not, or went back', () => {
    expect(editionWarnings(before, after, d)).toEqual([]);
    const same = manifest(1, after.data, { texts: after.texts, inputs: after.inputs });
    expect(editionWarnings(before, same, diffData(before, same)).map((w) => w.code)).toEqual(['DIFF_EDITION_NOT_BUMPED']);
    expect(editionWarnings(after, before, diffData(after, before)).map((w) => w.code)).toEqual(['DIFF_EDITION_BACKWARDS']);
    expect(editionWarnings(before, before, diffData(before, before))).toEqual([]);
  });

  it('reports nothing between a manifest and itself, or against one that has no data record', () => {
    expect(diffData(after, after)).toEqual({ data: [], texts: [], inputs: { changed: [], added: [], removed: [] } });
    const old = { ...before, data: undefined, texts: undefined } as unknown as Manifest;
    expect(diffData(old, after).data).toEqual([]);
  });
});

describe('changelog', () => {
  const e1 = manifest(1, { 'market.size': datum(15.3, '15.3万亿元'), ...shares(35, 25) });
  const e2 = manifest(2, { 'market.size': datum(15.9, '15.9万亿元'), ...shares(35, 25), 'market.new': datum(2, '2万亿元', { label: '新指标' }) });

  it('is the printed changes against the previous edition', () => {
    expect(expectedChanges(e1, e2, diffData(e1, e2))).toEqual([
      { path: 'market.size', label: '电商市场规模', year: 2024, from: '15.3万亿元', to: '15.9万亿元' },
      { path: 'market.new', label: '新指标', year: 2024, to: '2万亿元' },
    ]);
  });

  it('carries an edition in progress forward: first "from" kept, a change undone dropped', () => {
    const recorded: ChangeEntry[] = [{ path: 'market.size', label: '电商市场规模', year: 2024, from: '15.3万亿元', to: '15.9万亿元' }];
    const wip = { ...e2, edition: { ...e2.edition, changes: recorded } };
    const later = manifest(2, { 'market.size': datum(16.1, '16.1万亿元'), ...shares(36, 25) });
    expect(expectedChanges(wip, later, diffData(wip, later))).toEqual([
      { path: 'market.size', label: '电商市场规模', year: 2024, from: '15.3万亿元', to: '16.1万亿元' },
      { path: 'platforms.share.a', label: '甲', year: 2024, from: '35%', to: '36%' },
      { path: 'platforms.cr', label: 'CR2', year: 2024, from: '60%', to: '61%' },
      { path: 'market.new', label: '新指标', year: 2024, from: '2万亿元' },
    ]);
    const undone = manifest(2, { 'market.size': datum(15.3, '15.3万亿元'), ...shares(35, 25) });
    expect(expectedChanges(wip, undone, diffData(wip, undone))).toEqual([{ path: 'market.new', label: '新指标', year: 2024, from: '2万亿元' }]);
  });

  it('cannot be told by a base that is not the previous edition; the first edition has none', () => {
    const e3 = manifest(3, e2.data);
    expect(expectedChanges(e1, e3, diffData(e1, e3))).toBeUndefined();
    expect(expectedChanges(e2, e1, diffData(e2, e1))).toBeUndefined();
    expect(expectedChanges(e1, e1, diffData(e1, e1))).toEqual([]);
  });

  it('says how the recorded changes differ from the data', () => {
    const want: ChangeEntry[] = [{ path: 'a', label: 'A', from: '1', to: '2' }, { path: 'b', label: 'B', to: '3' }];
    expect(changelogProblems(want, want)).toBeUndefined();
    expect(changelogProblems(want, [{ path: 'a', label: 'A', from: '1', to: '9' }, { path: 'c', label: 'C', from: '4' }])).toBe('a says 1 → 9, the data 1 → 2; missing b (— → 3); not a change: c (4 → —)');
  });

  it('rewrites data/edition.yaml: comments and the rest kept, changes and the history entry added, schema-valid', () => {
    const yaml = `# 版次信息\ntitle: 报告\nshort_title: 报告\nsubtitle: 副标题\nslug: r\nedition: 2\ndate: '2025-03-01'\nstatus: draft\ndata_cutoff: '2024-12-31'\npublisher: 课题组\nauthors: [课题组]\nlanguage: zh-CN\nsubject: 主题\nkeywords: [电商]\nnote: 更新数据。 # 简短说明\nhistory:\n  - { edition: 1, date: '2025-01-15', note: 首个版本。 }\n`;
    expect(writeChangelog(yaml.replace('edition: 2', 'edition: 1').replace("date: '2025-03-01'", "date: '2025-01-15'"), [])).toBe(yaml.replace('edition: 2', 'edition: 1').replace("date: '2025-03-01'", "date: '2025-01-15'"));
    const entries: ChangeEntry[] = [{ path: 'market.size', label: '电商市场规模', year: 2024, from: '15.3万亿元', to: '15.9万亿元' }];
    const out = writeChangelog(yaml, entries);
    expect(out.startsWith(yaml.split('history:')[0])).toBe(true);
    expect(out).toContain("  - { edition: 1, date: '2025-01-15', note: 首个版本。 }\n  - { edition: 2, date: '2025-03-01', note: 更新数据。 }\n# Written by");
    expect(out).toContain('changes:\n  - { path: market.size, label: 电商市场规模, year: 2024, from: 15.3万亿元, to: 15.9万亿元 }');
    const parsed = EditionSchema.parse(parse(out));
    expect(parsed.changes).toEqual(entries);
    expect(parsed.history.map((h) => h.edition)).toEqual([1, 2]);
    expect(writeChangelog(out, entries)).toBe(out); // idempotent
    expect(writeChangelog(out, [])).not.toContain('changes:');
  });

  it('refuses to rewrite a data/edition.yaml that is not a mapping, saying what it is', () => {
    const refusal = (text: string) => {
      try {
        writeChangelog(text, []);
      } catch (e) {
        return e instanceof BuildError ? e.diagnostics.map(formatDiagnostic) : [String(e)];
      }
      return [];
    };
    expect(refusal('- edition: 2\n')[0]).toMatch(/^data\/edition.yaml  cannot rewrite the changelog: data\/edition.yaml is a list, not a mapping of the edition's fields  \[DIFF_CHANGELOG_UNWRITABLE\]\n    hint: Fix data\/edition.yaml first/);
    expect(refusal('')[0]).toContain('data/edition.yaml is empty, not a mapping');
  });
});
