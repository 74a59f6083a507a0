/**
 * The checks the data declares (check/figure-checks.ts, check/link-checks.ts, check/known-issues.ts):
 * kinds, links between figures within rounding, two values for one measure, known issues; and the
 * report's own data/: no error and no warning, its source contradictions resolved (issue 15).
 */
import { describe, expect, it, vi } from 'vitest';
import { checkInputs } from '../../pipeline/check/check-inputs.ts';
import { BuildError, type Diagnostic } from '../../pipeline/core/errors.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import type { SourceFile } from '../../pipeline/core/source-text.ts';
import { defaultProject, repoRoot } from '../../pipeline/core/project.ts';
import { readInputs } from '../../pipeline/core/read-inputs.ts';
import { realEffects } from '../../pipeline/build/real-effects.ts';
import { runCli } from '../helpers/project.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

vi.setConfig({ testTimeout: 120_000 });

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });
const edition = file(
  'data/edition.yaml',
  `title: 测试\nshort_title: 测试\nsubtitle: 副标题\nslug: t\nedition: 1\ndate: '2025-01-01'\nstatus: draft\ndata_cutoff: '2024-12-31'\ncomments: { until: '2025-02-28', to: 课题组 }\npublisher: 课题组\nauthors: [课题组]\nlanguage: zh-CN\nsubject: 主题\nkeywords: [电商]\nnote: 说明\nhistory:\n  - { edition: 1, date: '2025-01-01', note: 首版 }\n`,
);

/** Every diagnostic of loading `yaml` as data/market.yaml: `severity CODE data.path  message`. */
function problems(yaml: string): string[] {
  let ds: Diagnostic[];
  try {
    ds = loadData([edition, file('data/market.yaml', yaml)], vocabulary).warnings;
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    ds = e.diagnostics;
  }
  return ds.map((d) => `${d.severity} ${d.code} ${d.dataPath}  ${d.message}`);
}
const m = (lines: string[]) => lines.join('\n') + '\n';
const size = `size: { value: 15.3, unit: 万亿元, year: 2024, source: 甲, label: 规模 }`;

describe('what a figure is', () => {
  it('a share within 0–100 % (each end of a range, the bound of a bound), a count whole, a multiple above 0', () => {
    expect(problems(m([`a: { value: 150, unit: '%', kind: share, year: 2024, source: 甲, label: 线上订单占比 }`]))).toEqual(['error RULE_RANGE market.a  share "线上订单占比" must be within 0–100%, got 150%']);
    expect(problems(m([`a: { value: 90, to: 110, unit: '%', kind: share, year: 2024, source: 甲, label: 区间 }`]))).toEqual(['error RULE_RANGE market.a  share "区间" must be within 0–100%, got 90%～110%']);
    expect(problems(m([`a: { value: 150, unit: '%', kind: ratio, year: 2024, source: 甲, label: 相当于全国平均 }`]))).toEqual([]);
    expect(problems(m([`a: { value: 2.5, unit: 万家, year: 2024, source: 甲, label: 商家 }`, `b: { value: 2.5, unit: 家, year: 2024, source: 甲, label: 门店 }`]))).toEqual(['error RULE_COUNT market.b  a count must be a whole number, got 2.5家']);
    expect(problems(m([`a: { value: 0, unit: 倍, year: 2024, source: 甲, label: 倍数 }`]))).toEqual(['error RULE_RANGE market.a  multiple "倍数" must be above 0, got 0倍']);
  });
});

describe('links between figures, within rounding', () => {
  it('share_of + part: part ÷ share gives the whole, within rounding and the declared tolerance', () => {
    const share = (v: string, extra = '') => `s: { value: ${v}, unit: '%', kind: share, share_of: market.size, part: market.piece, year: 2024, source: 甲, label: 占比${extra} }`;
    const part = `piece: { value: 4.2, unit: 万亿元, year: 2024, source: 甲, label: 社交电商规模 }`;
    expect(problems(m([size, part, share('27.5')]))).toEqual([]);
    expect(problems(m([size, part, share('25')]))).toEqual(['error RULE_IMPLIED_WHOLE market.s  "社交电商规模" (4.2万亿元) at 25% implies a whole of 16.8万亿元, but "market.size" is 15.3万亿元 (2024)']);
    expect(problems(m([size, part, share('25', ', tolerance: 10')]))).toEqual([]);
    // a part in another unit of the scale is converted (42000亿元 of 15.3万亿元)
    expect(problems(m([size, `piece: { value: 42000, unit: 亿元, year: 2024, source: 甲, label: 社交电商规模 }`, share('27.5')]))).toEqual([]);
  });

  it('change_of: a growth rate or 个百分点 change agrees with its two values; a fall agrees with its stored size', () => {
    const values = [`a: { value: 3800, unit: 亿元, year: 2024, source: 甲, label: 规模2024 }`, `b: { value: 5600, unit: 亿元, year: 2025, source: 甲, label: 规模2025 }`];
    const rate = (v: string) => `g: { value: ${v}, unit: '%', kind: growth, change_of: [market.a, market.b], year: 2025, source: 甲, label: 增速 }`;
    expect(problems(m([...values, rate('47.4')]))).toEqual([]);
    expect(problems(m([...values, rate('40, qualifier: 超过')]))).toEqual([]);
    expect(problems(m([...values, rate('50')]))).toEqual(['error RULE_GROWTH market.g  stated change 50% does not agree with its two values (3800亿元 → 5600亿元 is 47.4%)']);
    const loss = [`before: { value: 25, unit: '%', kind: share, year: 2024, source: 甲, label: 损耗率前 }`, `after: { value: 8, unit: '%', kind: share, year: 2024, source: 甲, label: 损耗率后 }`];
    expect(problems(m([...loss, `cut: { value: 17, unit: 个百分点, change_of: [market.before, market.after], year: 2024, source: 甲, label: 损耗率降幅 }`]))).toEqual([]);
    expect(problems(m([...loss, `cut: { value: 17, unit: '%', kind: share, change_of: [market.before, market.after], year: 2024, source: 甲, label: 降幅 }`]))).toEqual([
      'error LINK_MISMATCH market.cut  change_of: only a growth rate (kind: growth) or a percentage-point change (kind: pp) connects two values; "market.cut" is a share',
    ]);
  });

  it('sum_to and parts_of_one_whole: parts add up to their total; shares of one whole at most 100 % beyond rounding', () => {
    const parts = (extra: string) => `p:\n  unit: 万亿元\n  year: 2025\n  source: 甲\n  ${extra}\n  items:\n    x: { value: 1.2, label: 甲 }\n    y: { value: 4.5, label: 乙 }\n    z: { value: 1.1, label: 丙 }`;
    expect(problems(m([parts('sum_to: market.t'), `t: { value: 6.8, unit: 万亿元, year: 2025, source: 甲, label: 合计 }`]))).toEqual([]);
    expect(problems(m([parts('sum_to: market.t'), `t: { value: 7.0, unit: 万亿元, year: 2025, source: 甲, label: 合计 }`]))).toEqual(['error RULE_SUM market.p  parts sum to 6.8万亿元, but the total is 7.0万亿元']);
    const shares = (a: string, b: string) => `s:\n  unit: '%'\n  kind: share\n  year: 2024\n  source: 甲\n  parts_of_one_whole: true\n  items:\n    a: { value: ${a}, label: 甲 }\n    b: { value: ${b}, label: 乙 }`;
    expect(problems(m([shares('33.4', '66.7')]))).toEqual([]); // 100.1 % from rounding
    expect(problems(m([shares('35', '67')]))).toEqual(['error RULE_SHARE_TOTAL market.s  shares of one whole add up to 102%, more than 100%']);
  });

  it('multiple_choice: the answers of a multiple-answer question are shares that add up to over 100 %, never parts of one whole', () => {
    const answers = (a: string, b: string, extra = '') => `s:\n  unit: '%'\n  kind: share\n  year: 2024\n  source: 甲\n  multiple_choice: true${extra}\n  items:\n    a: { value: ${a}, label: 甲 }\n    b: { value: ${b}, label: 乙 }`;
    expect(problems(m([answers('64', '58')]))).toEqual([]);
    const [under] = problems(m([answers('40', '45')]));
    expect(under).toMatch(/^error LINK_MISMATCH market\.s .*multiple_choice: its items add up to 85%, not over 100%/);
    expect(problems(m([answers('64', '58', '\n  parts_of_one_whole: true')]))).toEqual(expect.arrayContaining([expect.stringMatching(/^error LINK_MISMATCH market\.s .*multiple_choice: .*cannot also be parts_of_one_whole/)]));
  });

  it('subject + measure: two values for one measure and period must agree (a year and a month within it are one period)', () => {
    const a = `a: { value: 300, unit: 家, year: 2024, subject: 万达, measure: 接入商场数, source: 甲, label: 商场数 }`;
    expect(problems(m([a, `b: { value: 500, unit: 家, year: '2024-03', subject: 万达, measure: 接入商场数, source: 乙, label: 商场数 }`]))).toEqual([
      'error RULE_CONTRADICTION market.b  500家 contradicts 300家 of "market.a", which measures the same (万达, 接入商场数, 2024 and 2024-03)',
    ]);
    expect(problems(m([a, `b: { value: 500, unit: 家, year: 2025, subject: 万达, measure: 接入商场数, source: 乙, label: 商场数 }`]))).toEqual([]);
    expect(problems(m([a, `b: { value: 250, qualifier: 超过, unit: 家, year: 2024, subject: 万达, measure: 接入商场数, source: 乙, label: 商场数 }`]))).toEqual([]); // 超过250 and 300 agree
  });

  it('a link names a datum: an unknown path gets the closest one', () => {
    expect(problems(m([size, `s: { value: 20, unit: '%', kind: share, share_of: market.sise, year: 2024, source: 甲, label: 占比 }`]))).toEqual(['error LINK_UNKNOWN_PATH market.s  share_of refers to unknown data path "market.sise"']);
  });
});

describe('known issues', () => {
  it('turn the errors about a datum into warnings that quote the note', () => {
    const lines = problems(m([size, `piece: { value: 6.8, unit: 万亿元, year: 2025, source: 甲, label: 跨界合作规模 }`, `s: { value: 25, unit: '%', kind: share, share_of: market.size, part: market.piece, year: 2025, source: 甲, label: 占比, known_issue: 原文如此 }`]));
    expect(lines).toEqual(['warning KNOWN_ISSUE market.s  "跨界合作规模" (6.8万亿元) at 25% implies a whole of 27.2万亿元, but "market.size" is 15.3万亿元 (2024) [RULE_IMPLIED_WHOLE], accepted for now: 原文如此']);
  });
});

describe("the report's data/", () => {
  const project = defaultProject(repoRoot);

  /** The check's diagnostics on the report's inputs, with `from` replaced by `to` in data/`name`. */
  async function diagnosticsWith(name: string, from: string, to: string): Promise<string[]> {
    const inputs = await readInputs(project, realEffects);
    const data = inputs.data.map((f) => {
      if (f.path !== `data/${name}`) return f;
      const text = new TextDecoder().decode(f.bytes);
      expect(text).toContain(from);
      return { ...f, bytes: enc.encode(text.replace(from, to)) };
    });
    try {
      return checkInputs({ ...inputs, data }).warnings.map((d) => `${d.code} ${d.dataPath}`);
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      return e.diagnostics.map((d) => `${d.code} ${d.dataPath}`);
    }
  }

  it('has no error and no warning: the source\'s contradictions are resolved, none kept as a known issue (issue 15)', async () => {
    const { warnings } = checkInputs(await readInputs(project, realEffects));
    expect(warnings.map((d) => `${d.code} ${d.dataPath} ${d.message}`)).toEqual([]);
  });

  it('refuses the source\'s figures where the edition resolved them', async () => {
    // the technology-driven share as the source printed it: 1.2 of 6.8万亿元 is not 35%
    expect(await diagnosticsWith('forecast.yaml', 'tech_driven: { value: 18,', 'tech_driven: { value: 35,')).toContain('RULE_IMPLIED_WHOLE forecast.type_share_2025.tech_driven');
    // 300 and 500 万达广场 as one measure of 2024
    expect(await diagnosticsWith('platforms.yaml', 'measure: 签约时首批接入阿里本地生活服务的万达广场数量', 'measure: 年内扩展后“四维融合”体系覆盖的万达广场数量')).toContain(
      'RULE_CONTRADICTION platforms.early_crossover_2024.alibaba_wanda_malls',
    );
  });

  it('`npm run check` and `npm run check -- --strict` pass with no warning', async () => {
    const [plain, strict] = await Promise.all([runCli(repoRoot, ['check']), runCli(repoRoot, ['check', '--strict'])]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/check: 0 errors, 0 warnings in/);
    expect(strict.code, strict.stderr).toBe(0);
  });
});
