import { describe, expect, it } from 'vitest';
import { BuildError, formatDiagnostic } from '../../pipeline/core/errors.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import type { SourceFile } from '../../pipeline/core/source-text.ts';

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });
const edition = file(
  'data/edition.yaml',
  `title: 测试\nshort_title: 测试\nsubtitle: 副标题\nslug: t\nedition: 1\ndate: '2025-01-01'\nstatus: draft\ndata_cutoff: '2024-12-31'\npublisher: 课题组\nauthors: [课题组]\nlanguage: zh-CN\nsubject: 主题\nkeywords: [电商]\nnote: 说明\nhistory:\n  - { edition: 1, date: '2025-01-01', note: 首版 }\n`,
);

function errorsOf(files: SourceFile[]) {
  try {
    loadData(files);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected loadData to fail');
}

describe('load data', () => {
  it('loads datums with inherited fields and the decimals as written', () => {
    const ds = loadData([
      edition,
      file('data/market.yaml', `size:\n  label: 规模\n  unit: 万亿元\n  source: 艾瑞咨询\n  items:\n    y2023: { value: 14.4, year: 2023 }\n    y2024: { value: 15.30, year: 2024 }\ngrowth: { value: 11.0, unit: '%', year: 2023, source: 国家统计局, label: 增速 }\n`),
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
    const platforms = `c: { value: 1, unit: '%', year: 2024, source: x, label: y, colour: red }\n`;
    const ds = errorsOf([
      edition,
      file('data/market.yaml', `a: { value: 1, unit: 万亿, year: 2024, source: x, label: y }\nb: { value: 2, unit: '%', year: 2024, source: x }\n`),
      file('data/platforms.yaml', platforms),
    ]).filter((d) => d.file !== 'data/edition.yaml');
    const lines = ds.map(formatDiagnostic);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/market\.yaml:1:22  market\.a\.unit  expected one of the \d+ allowed values listed in pipeline\/check\/data-schemas\.ts \(did you mean "万亿元"\?\), got "万亿"/));
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
    const ds = loadData([
      edition,
      file('data/platforms.yaml', `share:\n  label: 份额\n  unit: '%'\n  year: 2024\n  source: 艾瑞咨询\n  items:\n    a: { value: 35.2 }\n    b: { value: 20.8 }\n    c: { value: 18.5 }\n    d: { value: 5.1 }\n    e: { value: 2.7 }\ncr5: { derive: sum, of: platforms.share, label: CR5 }\nchange: { derive: difference, of: [platforms.share.a, platforms.share.b], label: 差 }\n`),
    ]);
    expect(ds.nodes.get('platforms.cr5')).toMatchObject({ value: 82.3, unit: '%', decimals: 1, source: '艾瑞咨询', derived: { kind: 'sum' } });
    expect(ds.nodes.get('platforms.change')).toMatchObject({ value: 14.4, unit: '个百分点' });
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
});
