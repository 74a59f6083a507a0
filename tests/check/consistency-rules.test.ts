/**
 * Consistency rules (pipeline/check/consistency-rules.ts): the generic ones, each kind of declared rule, and the
 * report's own declarations against the real data/: `npm run check` shows their warnings and
 * no error, and `--strict` fails on them.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { BuildError, formatDiagnostic, type Diagnostic } from '../../pipeline/core/errors.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import type { SourceFile } from '../../pipeline/core/source-text.ts';
import { defaultProject, repoRoot } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { checkRules, declaredRules, type Rule } from '../../pipeline/check/consistency-rules.ts';
import { realEffects } from '../../pipeline/build/real-effects.ts';
import { runCli } from '../helpers/project.ts';

// builds with a real browser and whole CLI runs: slower than vitest's defaults allow on a busy machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });
const edition = file(
  'data/edition.yaml',
  `title: 测试\nshort_title: 测试\nsubtitle: 副标题\nslug: t\nedition: 1\ndate: '2025-01-01'\nstatus: draft\ndata_cutoff: '2024-12-31'\npublisher: 课题组\nauthors: [课题组]\nlanguage: zh-CN\nsubject: 主题\nkeywords: [电商]\nnote: 说明\nhistory:\n  - { edition: 1, date: '2025-01-01', note: 首版 }\n`,
);

/** A data set under paths no declared rule knows (so only the generic rules ran while loading). */
const data = loadData([
  edition,
  file(
    'data/market.yaml',
    [
      `share: { label: 份额, unit: '%', year: 2024, source: 甲, items: { a: { value: 60, label: 甲 }, b: { value: 40.5, label: 乙 }, c: { value: -1, label: 丙 } } }`,
      `parts: { label: 规模, unit: 万亿元, year: 2025, source: 甲, items: { x: { value: 1.2 }, y: { value: 4.5 }, z: { value: 1.1 } } }`,
      `total_ok: { value: 6.9, unit: 万亿元, year: 2025, source: 甲, label: 合计（四舍五入内） }`,
      `total_bad: { value: 7.0, unit: 万亿元, year: 2025, source: 甲, label: 合计（不符） }`,
      `size_2024: { value: 100, unit: 亿元, year: 2024, source: 甲, label: 规模2024 }`,
      `size_2025: { value: 110, unit: 亿元, year: 2025, source: 乙, label: 规模2025 }`,
      `growth_10: { value: 10, unit: '%', year: 2025, source: 乙, label: 增速 }`,
      `growth_12: { value: 12, unit: '%', year: 2025, source: 乙, label: 增速 }`,
      `count: { value: 5, unit: 家, year: 2024, source: 甲, label: 家数 }`,
    ].join('\n') + '\n',
  ),
]);
const run = (rule: Rule) => checkRules(data.nodes, [rule]).map((d) => `${d.severity} ${d.code} ${d.dataPath}  ${d.message}`);
const generic = (yaml: string) => {
  try {
    return loadData([edition, file('data/market.yaml', yaml)]).warnings.map(formatDiagnostic);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
};

describe('generic rules', () => {
  it('a series in ascending years, forecasts after their base year, % within ±1000', () => {
    const series = `s: { label: 序列, unit: 亿元, source: 甲, items: { y2024: { value: 2, year: 2024 }, y2023: { value: 1, year: 2023 } } }\n`;
    // reported at the first item out of order
    expect(generic(series)).toEqual([expect.stringMatching(new RegExp(`^data/market\\.yaml:1:${series.indexOf('{ value: 1') + 1}  market\\.s  years are not ascending: 2024, 2023  \\[RULE_YEARS_ORDER\\]`))]);
    expect(generic(`f: { value: 1, unit: 亿元, year: 2024, base_year: 2025, source: 本报告预测, label: 预测 }\n`)).toEqual([expect.stringMatching(/forecast for 2024 is not after its base year 2025  \[RULE_FORECAST_YEAR\]/)]);
    expect(generic(`g: { value: 1200, unit: '%', year: 2024, source: 甲, label: 增速 }\n`)).toEqual([expect.stringMatching(/"增速" must be within −1000 to 1000, got 1200%  \[RULE_RANGE\]/)]);
    expect(generic(`g: { value: 999, unit: '%', year: 2024, source: 甲, label: 增速 }\n`)).toEqual([]);
  });
});

describe('declared rules', () => {
  it('share: every item within 0–100 %, and a figure in another unit is no share', () => {
    expect(run({ kind: 'share', of: 'market.share' })).toEqual(['error RULE_RANGE market.share.c  share "丙" must be within 0–100%, got -1%']);
    expect(run({ kind: 'share', of: ['market.count'] })).toEqual(['error RULE_RANGE market.count  share "家数" must be within 0–100%, got a figure in 家']);
  });

  it('share of one whole: more than 100 % beyond rounding is an error, or the warning a rule declares', () => {
    const shares = loadData([edition, file('data/users.yaml', `s: { label: 份额, unit: '%', year: 2024, source: 甲, items: { a: { value: 35 }, b: { value: 66 } } }\nr: { label: 四舍五入, unit: '%', year: 2024, source: 甲, items: { a: { value: 33.4 }, b: { value: 33.3 }, c: { value: 33.4 } } }\n`)]).nodes;
    expect(checkRules(shares, [{ kind: 'share', of: 'users.s', whole: true }]).map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual(['error RULE_SHARE_TOTAL shares of one whole add up to 101%, more than 100%']);
    const warned = checkRules(shares, [{ kind: 'share', of: 'users.s', whole: true, severity: 'warning', why: 'Quoted as is.' }]);
    expect(warned.map((d) => d.severity)).toEqual(['warning']);
    expect(warned[0].hint).toContain('Quoted as is.');
    // 100.1 % from three shares of one decimal is rounding
    expect(checkRules(shares, [{ kind: 'share', of: 'users.r', whole: true }])).toEqual([]);
  });

  it('sum: parts add up to the total within rounding', () => {
    expect(run({ kind: 'sum', parts: 'market.parts', total: 'market.total_ok' })).toEqual([]);
    expect(run({ kind: 'sum', parts: 'market.parts', total: 'market.total_bad' })).toEqual(['error RULE_SUM market.total_bad  parts sum to 6.8万亿元, but the total is 7.0万亿元']);
    expect(run({ kind: 'sum', parts: ['market.parts.x', 'market.parts.y'], total: 'market.total_bad' })).toEqual(['error RULE_SUM market.total_bad  parts sum to 5.7万亿元, but the total is 7.0万亿元']);
  });

  it('growth: a declared rate agrees with its two values (a warning), or is a floor (atLeast)', () => {
    expect(run({ kind: 'growth', newer: 'market.size_2025', older: 'market.size_2024', rate: 'market.growth_10' })).toEqual([]);
    expect(run({ kind: 'growth', newer: 'market.size_2025', older: 'market.size_2024', rate: 'market.growth_12' })).toEqual(['warning RULE_GROWTH market.growth_12  declared growth 12% does not agree with its two values (100 → 110亿元 is 10.0%)']);
    expect(run({ kind: 'growth', newer: 'market.size_2025', older: 'market.size_2024', rate: 'market.growth_10', atLeast: true })).toEqual([]);
    expect(run({ kind: 'growth', newer: 'market.size_2025', older: 'market.size_2024', rate: 'market.growth_12', atLeast: true })).toEqual(['warning RULE_GROWTH market.growth_12  declared growth at least 12% does not agree with its two values (100 → 110亿元 is 10.0%)']);
  });

  it('measures: two measures of one quantity are named in a warning, unless the stated rate agrees', () => {
    expect(run({ kind: 'measures', a: 'market.size_2024', b: 'market.size_2025', rate: 'market.growth_10' })).toEqual([]);
    expect(run({ kind: 'measures', a: 'market.size_2024', b: 'market.size_2025', rate: 'market.growth_12' })).toEqual([
      'warning RULE_MEASURES market.size_2025  "规模2024" (2024, 甲) and "规模2025" (2025, 乙) are different measures: 100亿元 → 110亿元 would be 10.0%, while the stated growth is 12%',
    ]);
  });

  it('a rule about figures this data set does not have does not apply; one that lost some of its figures warns', () => {
    expect(run({ kind: 'sum', parts: 'other.parts', total: 'other.total' })).toEqual([]);
    expect(run({ kind: 'sum', parts: 'market.parts', total: 'market.total_renamed' })).toEqual(['warning RULE_STALE market.total_renamed  consistency rule (sum) refers to missing data path "market.total_renamed"']);
  });
});

describe("the report's own rules on data/", () => {
  const project = defaultProject(repoRoot);

  it('every declared rule finds all its figures', async () => {
    const inputs = await readInputs(project, realEffects);
    const nodes = checkInputs(inputs).data.nodes;
    const paths = declaredRules.flatMap((r): string[] => {
      const list = (p: string | string[]) => (typeof p === 'string' ? [p] : p);
      if (r.kind === 'share') return list(r.of);
      if (r.kind === 'sum') return [...list(r.parts), r.total];
      if (r.kind === 'growth') return [r.newer, r.older, r.rate];
      return [r.a, r.b, ...(r.rate ? [r.rate] : [])];
    });
    expect(paths.filter((p) => !nodes.has(p))).toEqual([]);
  });

  it('check: 0 errors and the two known inconsistencies of the source as warnings; --strict fails on them', async () => {
    const inputs = await readInputs(project, realEffects);
    const { warnings } = checkInputs(inputs);
    const rules = warnings.filter((d) => d.code.startsWith('RULE_')).map((d: Diagnostic) => `${d.code} ${d.dataPath}`);
    expect(rules.sort()).toEqual(['RULE_MEASURES market.size_2024', 'RULE_SHARE_TOTAL forecast.type_share_2025']);
    let strict: unknown;
    try {
      checkInputs(inputs, { strict: true });
    } catch (e) {
      strict = e;
    }
    expect(strict).toBeInstanceOf(BuildError);
    expect((strict as BuildError).diagnostics.map((d) => `${d.code} ${d.dataPath}`)).toEqual(expect.arrayContaining(['RULE_MEASURES market.size_2024', 'RULE_SHARE_TOTAL forecast.type_share_2025']));
  });

  it('`npm run check` prints them and passes; `npm run check -- --strict` fails', async () => {
    const [plain, strict] = await Promise.all([runCli(repoRoot, ['check']), runCli(repoRoot, ['check', '--strict'])]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/^data\/forecast\.yaml:\d+:\d+  forecast\.type_share_2025  shares of one whole add up to 101%, more than 100%  \[RULE_SHARE_TOTAL\]$/m);
    expect(plain.stderr).toMatch(/^data\/market\.yaml:\d+:\d+  market\.size_2024  .*are different measures: 14\.4万亿元 → 15\.3万亿元 would be 6\.3%, while the stated growth is 8\.2%  \[RULE_MEASURES\]$/m);
    expect(plain.stderr).toMatch(/check: 0 errors, \d+ warnings? in/);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('(--strict: warnings fail)');
  });
});
