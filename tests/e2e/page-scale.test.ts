/**
 * The page scale stays 1 (issue 21): a table cell that cannot break made Chromium shrink every
 * page of the report (42 → 26 pages) without a word. Now the build fails with PAGE_TOO_WIDE at
 * the file of what is too wide (a table's with its cell's datum, a chart's), and out/ keeps the last good edition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { buildErrorOf, makeProject, removeTempDirs, snapshot, snapshotDiff } from '../helpers/project.ts';

// builds with a real browser: under load one takes minutes
vi.setConfig({ testTimeout: 300_000 });

afterAll(removeTempDirs);

describe('the page scale', () => {
  it('a long unbreakable label is PAGE_TOO_WIDE at the chart it widens, not a shrunken report', async () => {
    const project = makeProject();
    await build(project, quietEffects); // the fixture as it is: nothing too wide
    const before = snapshot(project.outDir);
    const label = 'JD-Cross-Border-Ecommerce-Platform-Integration-Initiative-International-Edition-2024-Including-Logistics-Payments-Membership-And-Instant-Retail-Services';
    const platforms = join(project.dataDir, 'platforms.yaml');
    writeFileSync(platforms, readFileSync(platforms, 'utf8').replace('jd: { label: 京东,', `jd: { label: ${label},`));
    const e = await buildErrorOf(() => build(project, quietEffects));
    expect(e.diagnostics.map((d) => d.code)).toEqual(['PAGE_TOO_WIDE']);
    const d = e.diagnostics[0];
    // the chart's bar label reaches past the block (Vega widens the view to fit it); the table's cell wraps
    expect(d.file).toBe('charts/platform-share.yaml');
    expect(d.message).toMatch(/^chart "platform-share" is \d+ px wide, wider than the 630 px text block: "阿里巴巴JD-Cross-Border-Ecommerce-Platform-Integration-Initiativ" cannot break$/);
    expect(d.hint).toContain('shrink every page');
    // the edition is untouched; only the font subsets the print needed were written beside it (out/.fonts)
    expect(snapshotDiff(before, snapshot(project.outDir)).filter((line) => !line.includes('.fonts/'))).toEqual([]);
  });
});
