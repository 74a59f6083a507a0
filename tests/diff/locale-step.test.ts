/** The diff says whether the zh-Hant edition changed in step with the zh-Hans one (issue 16). */
import { describe, expect, it } from 'vitest';
import { diffSummary } from '../../pipeline/diff/diff-summary.ts';
import type { EditionDiff } from '../../pipeline/diff/edition-diff.ts';
import { localeSteps } from '../../pipeline/diff/locale-step.ts';
import type { StoredManifest } from '../../pipeline/edition/manifest.ts';

const pageMap = { tocPages: {}, totalPages: 40 };
const manifest = (hans: string, hant?: string) =>
  ({ output: { pdf: { sha256: hans, bytes: 1, pages: 40 } }, locales: { 'zh-Hans': { file: 'report.pdf', lang: 'zh-CN', sha256: hans, bytes: 1, pages: 40, pageMap }, ...(hant ? { 'zh-Hant': { file: 'report.zh-Hant.pdf', lang: 'zh-TW', sha256: hant, bytes: 1, pages: 41, pageMap } } : {}) } }) as unknown as StoredManifest;

describe('localeSteps', () => {
  it('in step: both changed, or neither', () => {
    expect(localeSteps(manifest('a', 'x'), manifest('b', 'y'), false)).toEqual([{ tag: 'zh-Hant', before: { pages: 41, sha256: 'x' }, after: { pages: 41, sha256: 'y' }, changed: true, inStep: true }]);
    expect(localeSteps(manifest('a', 'x'), manifest('a', 'x'), true)[0]).toMatchObject({ changed: false, inStep: true });
  });
  it('out of step: zh-Hant changed alone, or stayed while zh-Hans changed', () => {
    expect(localeSteps(manifest('a', 'x'), manifest('a', 'y'), true)[0]).toMatchObject({ changed: true, inStep: false });
    expect(localeSteps(manifest('a', 'x'), manifest('b', 'x'), false)[0]).toMatchObject({ changed: false, inStep: false });
  });
  it('a base made before the Traditional edition: zh-Hant is new', () => {
    const [s] = localeSteps(manifest('a'), manifest('b', 'y'), false);
    expect(s).toMatchObject({ changed: true, inStep: true });
    expect(s.before).toBeUndefined();
  });
});

describe('the summary', () => {
  const info = (n: number) => ({ id: `r-e${n}`, source: 'out/', edition: { number: n, date: '2025-01-15', status: 'draft', data_cutoff: '2024-12-31', slug: 'r', title: 'T' }, inputsHash: 'h', pdf: { sha256: `${n}`.repeat(64), pages: 40 } });
  const diff = (locales: EditionDiff['locales']): EditionDiff => ({ base: info(1), head: info(2), identical: false, samePdf: false, warnings: [], notes: [], inputs: { changed: [], added: [], removed: [] }, data: [], texts: [], text: [], charts: [], tables: [], pages: { before: 40, after: 40, changed: [], removed: [] }, changelog: { expected: [], recorded: [], upToDate: true }, locales });
  it('shows the zh-Hans diff and a line saying whether zh-Hant changed in step', () => {
    const md = diffSummary(diff(localeSteps(manifest('1'.repeat(64), 'x'.repeat(64)), manifest('2'.repeat(64), 'y'.repeat(64)), false)));
    expect(md).toContain('| zh-Hant PDF | 41 pages · `xxxxxxxxxxxx` | 41 pages · `yyyyyyyyyyyy` — changed in step with zh-Hans |');
    const out = diffSummary(diff(localeSteps(manifest('1'.repeat(64), 'x'.repeat(64)), manifest('2'.repeat(64), 'x'.repeat(64)), false)));
    expect(out).toContain('**did not change although zh-Hans did**');
  });
});
