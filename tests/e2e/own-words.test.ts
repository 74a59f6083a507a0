/**
 * The report in its own words: 13-character runs shared with the source may cover at most 8% of
 * the chapters' prose and 12% of any chapter (issue 15). The source is not part of the repository
 * (CI has none), so the test runs only where it lies beside the checkout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/core/project.ts';
import { measureOverlap, overlapOf, proseOf, sourceRuns } from '../helpers/overlap.ts';

const source = join(repoRoot, '..', 'shared', 'seed', 'report.zh-Hans.txt');

describe('the overlap measure', () => {
  it('counts shared runs of 13 Han characters, skipping headings and bindings', () => {
    const runs = sourceRuns('电商跨界合作成为破局关键的核心路径已经形成\n');
    const prose = proseOf('---\nid: x\n---\n## 电商跨界合作成为破局关键的核心路径\n\n电商跨界合作成为破局关键的核心路径，{{v a.b}}另有一句全新的话语。\n');
    const o = overlapOf('x', prose, runs);
    expect(o.chars).toBe(26);
    expect(o.covered).toBe(17);
  });
  it('does not join a run across a binding', () => {
    const runs = sourceRuns('一二三四五六七八九十甲乙丙丁');
    expect(overlapOf('x', proseOf('一二三四五六七{{n a}}八九十甲乙丙丁'), runs).covered).toBe(0);
  });
});

describe.skipIf(!existsSync(source))('the chapters against the source', () => {
  // measured only where the source is (the describe's body runs even when its tests are skipped)
  const { chapters, total } = existsSync(source) ? measureOverlap(join(repoRoot, 'chapters'), source) : { chapters: [], total: { share: 0 } };
  it('share at most 8% of their prose with it overall', () => {
    expect(total.share).toBeLessThanOrEqual(0.08);
  });
  it.each(chapters.map((c) => [c.chapter, c] as const))('%s shares at most 12 percent with it', (_, c) => {
    expect(c.share).toBeLessThanOrEqual(0.12);
  });
});
