/**
 * Time budgets (issue 21): a chart spec within every transform limit but expensive to compute, and
 * a data file under the size limit but slow to check, end in a catalog error naming the file once
 * the budget given on the command line is spent: out/ unchanged, no browser left behind.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { goodEdition } from '../helpers/good-edition.ts';
import { processesWithEnv, removeTempDirs, snapshot, snapshotDiff, spawnCli } from '../helpers/project.ts';

// whole CLI runs with a real browser: slower than vitest's defaults allow on a busy machine
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const good = goodEdition();

afterAll(removeTempDirs);

/** A fixture project laid out as a checkout, its out/ holding a copy of the good edition. */
const withGoodEdition = () => good.project({ layout: 'cli' });

// Within every limit of check/chart-limits.ts (10 000 keys, no steps or bins), but 5 platforms ×
// 10 000 imputed keys make 50 000 rows, and a running median (a frame from the first row to this
// one, in order) takes the median of a growing window for each row: quadratic, more than 20 s for
// a chart of five bars. (Whole-frame medians, used before, are computed once: a quiet machine drew
// them inside the budget.)
const expensiveChart = `caption: 2024年主要电商平台市场份额
data:
  - from: platforms.share_2024
spec:
  transform:
    - impute: year
      key: value
      keyvals: { start: 0, stop: 10000 }
      groupby: [label]
    - window: [{ op: median, field: value, as: middle }]
      sort: [{ field: value }]
      frame: [null, 0]
    - window: [{ op: median, field: middle, as: m2 }]
      sort: [{ field: value }]
      frame: [null, 0]
  mark: point
  encoding:
    x: { field: value, type: quantitative }
    y: { field: middle, type: quantitative }
`;

describe('the chart budget', () => {
  it('stops an expensive chart with CHART_TOO_SLOW at its file: out/ unchanged, no browser left', async () => {
    const project = withGoodEdition();
    writeFileSync(join(project.root, 'templates', 'charts', 'platform-share.yaml'), expensiveChart);
    const before = snapshot(project.outDir);
    const marker = `REPORT_BUDGET_TEST=${randomBytes(6).toString('hex')}`;
    const r = await spawnCli(project.root, ['build', '--work-budget', '800', '--locale', 'zh-Hans'], { [marker.split('=')[0]]: marker.split('=')[1] }).done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("\ntemplates/charts/platform-share.yaml  the chart was stopped after 800 ms: its spec asks more work than a report's chart needs  [CHART_TOO_SLOW]");
    expect(r.stderr).toMatch(/hint: .*Simplify them\. .*--work-budget MS/);
    expect(r.stderr).toContain('build failed: 1 error');
    expect(snapshotDiff(before, snapshot(project.outDir))).toEqual([]);
    // the command exits after closing its browser (its group has exited): nothing of the run is left
    expect(processesWithEnv(marker).filter((p) => /chrom/i.test(p.cmdline))).toEqual([]);
  });
});

describe('the data budget', () => {
  /** 4 000 figures (420 kB, under the 512 KiB a YAML file may have), in a file read first. */
  function bulkData(root: string): void {
    const lines = Array.from({ length: 4000 }, (_, i) => `k_${String(i).padStart(5, '0')}: { value: ${i % 97}.5, unit: '%', kind: share, year: 2024, source: 艾瑞咨询, label: 批量数据${i} }`);
    writeFileSync(join(root, 'data', 'a_bulk.yaml'), `${lines.join('\n')}\n`);
  }

  it('stops checking with DATA_TOO_SLOW naming the file being checked; the default budget checks the same file', async () => {
    const project = withGoodEdition();
    bulkData(project.root);
    const before = snapshot(project.outDir);
    const over = await spawnCli(project.root, ['check', '--work-budget', '100']).done;
    expect(over.code, over.stderr).toBe(1);
    expect(over.stderr).toContain('data/a_bulk.yaml  checking data/a_bulk.yaml was stopped after 100 ms  [DATA_TOO_SLOW]');
    expect(over.stderr).toMatch(/hint: .*split it\. .*--work-budget MS/);
    // the budget is the command line's: without it, the defaults hold and the same file checks (its figures are only unused)
    const within = await spawnCli(project.root, ['check']).done;
    expect(within.code, within.stderr).toBe(0);
    expect(within.stderr + within.stdout).not.toContain('DATA_TOO_SLOW');
    expect(snapshotDiff(before, snapshot(project.outDir))).toEqual([]);
  });

  it('rejects a --work-budget that is not a number of milliseconds: a usage error', async () => {
    const project = withGoodEdition();
    const r = await spawnCli(project.root, ['check', '--work-budget', 'lots']).done;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--work-budget: expected a whole number of milliseconds from 100 to 2147483647, found "lots"  [CLI_BAD_VALUE]');
  });
});
