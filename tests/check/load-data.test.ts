import { describe, expect, it } from 'vitest';
import { BuildError, formatDiagnostic } from '../../pipeline/core/errors.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import type { SourceFile } from '../../pipeline/core/source-text.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });
const edition = file(
  'data/edition.yaml',
  `title: 测试\nshort_title: 测试\nsubtitle: 副标题\nslug: t\nedition: 1\ndate: '2025-01-01'\nstatus: draft\ndata_cutoff: '2024-12-31'\ncomments: { until: '2025-02-28', to: 课题组 }\npublisher: 课题组\nauthors: [课题组]\nlanguage: zh-CN\nsubject: 主题\nkeywords: [电商]\nnote: 说明\nhistory:\n  - { edition: 1, date: '2025-01-01', note: 首版 }\n`,
);

const load = (files: SourceFile[]) => loadData(files, vocabulary);

function errorsOf(files: SourceFile[]) {
  try {
    load(files);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected loadData to fail');
}

describe('load data', () => {
  it('loads datums with inherited fields and the decimals as written', () => {
    const ds = load([
      edition,
      file('data/market.yaml', `size:\n  label: 规模\n  unit: 万亿元\n  source: 艾瑞咨询\n  items:\n    y2023: { value: 14.4, year: 2023 }\n    y2024: { value: 15.30, year: 2024 }\ngrowth: { value: 11.0, unit: '%', kind: growth, year: 2023, source: 国家统计局, label: 增速 }\n`),
    ]);
    const d = ds.nodes.get('market.size.y2024');
    expect(d).toMatchObject({ kind: 'datum', value: 15.3, unit: '万亿元', source: '艾瑞咨询', label: '规模', decimals: 2, year: 2024 });
    expect(ds.nodes.get('market.growth')).toMatchObject({ value: 11, decimals: 1 });
    expect(ds.edition.slug).toBe('t');
  });

  it('reports a wrong type with file:line:col, data path, expected and found', () => {
    const [d] = errorsOf([edition, file('data/market.yaml', `size:\n  label: 规模\n  unit: 万亿元\n  year: 2024\n  source: 艾瑞咨询\n  items:\n    y2024: { value: "15.3万亿" }\n`)]);
    expect(formatDiagnostic(d)).toContain('data/market.yaml:7:21  market.size.y2024.value  expected a number, got "15.3万亿"');
  });

  it('reports every error of every file at once', () => {
    const platforms = `c: { value: 1, unit: '%', kind: share, year: 2024, source: x, label: y, colour: red }\n`;
    const ds = errorsOf([
      edition,
      file('data/market.yaml', `a: { value: 1, unit: 万亿, year: 2024, source: x, label: y }\nb: { value: 2, unit: '%', kind: share, year: 2024, source: x }\n`),
      file('data/platforms.yaml', platforms),
    ]).filter((d) => d.file !== 'data/edition.yaml');
    const lines = ds.map(formatDiagnostic);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:1:22  market\.a\.unit  unknown unit "万亿"  \[DATA_UNKNOWN_UNIT\]\n    hint: Did you mean "万亿元"\?/));
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:2:4  market\.b  missing required "label"/));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^data/platforms\\.yaml:1:${platforms.indexOf('colour') + 1}  platforms\\.c\\.colour  unknown key "colour"`)));
    expect(ds).toHaveLength(3);
  });

  it('reports YAML syntax errors and duplicated keys with their position', () => {
    const ds = errorsOf([edition, file('data/market.yaml', `a: { value: 1\nb: [\n`), file('data/users.yaml', `x: 1\nx: 2\n`)]);
    expect(ds.find((d) => d.file === 'data/market.yaml')).toMatchObject({ code: 'YAML_SYNTAX', line: expect.any(Number) });
    expect(ds.find((d) => d.file === 'data/users.yaml')).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 2, column: 1, message: 'duplicated key "x"' });
  });

  it('computes derived figures from their operands, without float noise', () => {
    const ds = load([
      edition,
      file('data/platforms.yaml', `share:\n  label: 份额\n  unit: '%'\n  kind: share\n  year: 2024\n  source: 艾瑞咨询\n  items:\n    a: { value: 35.2 }\n    b: { value: 20.8 }\n    c: { value: 18.5 }\n    d: { value: 5.1 }\n    e: { value: 2.7 }\ncr5: { derive: sum, of: platforms.share, label: CR5 }\nchange: { derive: difference, of: [platforms.share.a, platforms.share.b], label: 差 }\n`),
    ]);
    expect(ds.nodes.get('platforms.cr5')).toMatchObject({ value: 82.3, unit: '%', decimals: 1, source: '艾瑞咨询', derived: { kind: 'sum' } });
    expect(ds.nodes.get('platforms.change')).toMatchObject({ value: 14.4, unit: '个百分点' });
  });

  it("derives an earlier share from a share less its stated rise in 个百分点 (2024's CR5 less 1.5 is 2023's), and no other mix of units", () => {
    const stated = `cr5: { value: 82.3, unit: '%', kind: share, year: 2024, source: 公开资料整理, label: CR5 }\nrise: { value: 1.5, unit: 个百分点, year: 2024, source: 公开资料整理, label: 提升幅度 }\n`;
    const ds = load([edition, file('data/platforms.yaml', `${stated}cr5_2023: { derive: difference, of: [platforms.cr5, platforms.rise], year: 2023, label: 2023年CR5 }\n`)]);
    expect(ds.nodes.get('platforms.cr5_2023')).toMatchObject({ value: 80.8, unit: '%', year: 2023, figureKind: 'share', decimals: 1 });
    // the other way round is no figure: a change less a share
    const [d] = errorsOf([edition, file('data/platforms.yaml', `${stated}backwards: { derive: difference, of: [platforms.rise, platforms.cr5], label: 反 }\n`)]);
    expect(d).toMatchObject({ code: 'DERIVE_BAD_OPERANDS', file: 'data/platforms.yaml', line: 3, dataPath: 'platforms.backwards' });
    expect(d.message).toContain('operands have different units (个百分点, %)');
  });

  it('names an unknown operand of a derived figure', () => {
    const [d] = errorsOf([edition, file('data/forecast.yaml', `total: { derive: sum, of: [forecast.nope], label: 合计 }\n`)]);
    expect(d).toMatchObject({ code: 'DERIVE_UNKNOWN_PATH', file: 'data/forecast.yaml', line: 1, dataPath: 'forecast.total' });
  });

  it('refuses files that would silently change meaning: BOM, CRLF, bad UTF-8', () => {
    const bom = { path: 'data/market.yaml', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('a: b\n')]) };
    const bad = { path: 'data/users.yaml', bytes: new Uint8Array([...enc.encode('a: '), 0xff, 0x0a]) };
    const ds = errorsOf([edition, bom, bad, file('data/cases.yaml', 'a: b\r\n')]);
    expect(ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).sort()).toEqual([
      'data/cases.yaml:1:5 Windows line endings (CRLF); the project uses LF',
      'data/market.yaml:1:1 the file starts with a byte-order mark (BOM)',
      'data/users.yaml:1:4 not valid UTF-8 (byte 0xff)',
    ]);
  });

  it('takes any data/<topic>.yaml: no list of files; a file name that is no data key is refused', () => {
    const ds = load([edition, file('data/livestream.yaml', `gmv_2024: { value: 5.8, unit: 万亿元, year: 2024, source: 甲, label: 直播电商规模 }\n`)]);
    expect(ds.nodes.get('livestream.gmv_2024')).toMatchObject({ value: 5.8, figureKind: 'amount' });
    const [d] = errorsOf([edition, file('data/live-stream.yaml', `a: 1\n`)]);
    expect(formatDiagnostic(d)).toMatch(/^data\/live-stream\.yaml:1:1  data file name "live-stream" is not a data key  \[DATA_BAD_FILE_NAME\]/);
  });

  it('a figure says what it measures: its unit’s default kind, or its own where the unit cannot tell (%)', () => {
    const ds = load([edition, file('data/market.yaml', `n: { value: 3, unit: 家, year: 2024, source: 甲, label: 家数 }\ng: { value: 8.2, unit: '%', kind: growth, year: 2024, source: 甲, label: 增速 }\n`)]);
    expect(ds.nodes.get('market.n')).toMatchObject({ figureKind: 'count' });
    expect(ds.nodes.get('market.g')).toMatchObject({ figureKind: 'growth' });
    const lines = errorsOf([edition, file('data/market.yaml', `s:\n  unit: '%'\n  year: 2024\n  source: 甲\n  items:\n    a: { value: 1, label: 甲 }\nm: { value: 1, unit: 倍, kind: share, year: 2024, source: 甲, label: 倍数 }\n`)]).map(formatDiagnostic);
    // an inherited unit is reported where the group writes it
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:2:9  market\.s\.a  a figure in % must say what it measures: kind is missing  \[DATA_KIND_MISSING\]\n    hint: Add `kind:` \(share, ratio, growth\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:7:31  market\.m  kind share does not fit a figure in 倍  \[DATA_KIND_UNIT\]/));
  });

  it('qualifiers and ranges are data: the word resolved, a range above its lower end, no bound on a range', () => {
    const ds = load([edition, file('data/market.yaml', `a: { value: 50, qualifier: 超过, unit: 万家, year: 2024, source: 甲, label: 商家 }\nb: { value: 8, to: 10, unit: '%', kind: share, year: 2024, source: 甲, label: 毛利率 }\nc: { value: 8.5, to: 10, unit: '%', kind: share, year: 2024, source: 甲, label: 区间 }\n`)]);
    expect(ds.nodes.get('market.a')).toMatchObject({ value: 50, qualifier: { word: '超过', means: 'over', stands: 'before' } });
    expect(ds.nodes.get('market.b')).toMatchObject({ value: 8, to: 10, decimals: 0 });
    expect(ds.nodes.get('market.c')).toMatchObject({ decimals: 1 }); // both ends print with the same decimals
    const lines = errorsOf([edition, file('data/market.yaml', `a: { value: 50, qualifier: 大约, unit: 家, year: 2024, source: 甲, label: x }\nb: { value: 10, to: 8, unit: 家, year: 2024, source: 甲, label: y }\nc: { value: 8, to: 10, qualifier: 超过, unit: 家, year: 2024, source: 甲, label: z }\n`)]).map(formatDiagnostic);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:1:28  market\.a\.qualifier  expected one of the \d+ allowed values .*got "大约"/));
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:2:21  market\.b  expected a range's upper end above its lower end \(value: 10\), got 8/));
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:3:35  market\.c  expected no bound on a range .*got "超过"/));
  });

  it('a file’s constraints require fields of every datum in it', () => {
    const lines = errorsOf([edition, file('data/cases.yaml', `constraints: { require: [subject] }\nx:\n  subject: 京东\n  items:\n    a: { value: 1, unit: 家, year: 2024, source: 甲, label: 甲 }\nb: { value: 2, unit: 家, year: 2024, source: 甲, label: 乙 }\n`)]).map(formatDiagnostic);
    expect(lines).toEqual([expect.stringMatching(/^data\/cases\.yaml:6:4  cases\.b  missing required "subject"  \[DATA_MISSING_KEY\]\n    hint: Add "subject" here \(this file's constraints require it/)]);
  });

  it('a derived figure is as qualified as its operands: approximate parts make an approximate sum', () => {
    const ds = load([edition, file('data/market.yaml', `p:\n  unit: 万亿元\n  year: 2025\n  source: 甲\n  items:\n    a: { value: 1.2, qualifier: 约, label: 甲 }\n    b: { value: 4.5, label: 乙 }\nt: { derive: sum, of: market.p, label: 合计 }\n`)]);
    expect(ds.nodes.get('market.t')).toMatchObject({ value: 5.7, qualifier: { word: '约' }, figureKind: 'amount' });
    const [d] = errorsOf([edition, file('data/market.yaml', `lo: { value: 1, qualifier: 超过, unit: 万亿元, year: 2025, source: 甲, label: 下限 }\nbad: { derive: difference, of: [market.lo, market.lo], label: 差 }\n`)]);
    expect(formatDiagnostic(d)).toMatch(/market\.bad  cannot compute difference: "market\.lo" \(超过1万亿元\) and "market\.lo" \(超过1万亿元\) bound nothing/);
  });
});
