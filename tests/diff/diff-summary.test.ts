/** summary.md: the pull-request comment — marked sentences, escaped text, and GitHub's size limit. */
import { describe, expect, it } from 'vitest';
import { commentMarker, diffSummary, githubCommentLimit, marked, ranges } from '../../pipeline/diff/diff-summary.ts';
import type { EditionDiff } from '../../pipeline/diff/edition-diff.ts';
import { changelogProblems } from '../../pipeline/diff/changelog.ts';
import { diag } from '../../pipeline/core/errors.ts';

const info = (number: number) => ({ id: `r-e${number}`, source: number === 1 ? 'git main (abc1234)' : 'out/', edition: { number, date: '2025-01-15', status: 'draft', data_cutoff: '2024-12-31', slug: 'r', title: 'T' }, inputsHash: 'h', pdf: { sha256: `${number}`.repeat(64), pages: 40 } });

function diff(more: Partial<EditionDiff> = {}): EditionDiff {
  return { base: info(1), head: info(2), identical: false, samePdf: false, warnings: [], notes: [], inputs: { changed: [], added: [], removed: [] }, data: [], texts: [], text: [], charts: [], tables: [], pages: { before: 40, after: 40, changed: [], removed: [] }, changelog: { expected: [], recorded: [], upToDate: true }, ...more };
}

describe('diffSummary', () => {
  it('says so when nothing differs', () => {
    const md = diffSummary(diff({ identical: true, samePdf: true, head: { ...info(1), source: 'out/' } }));
    expect(md.startsWith(`${commentMarker}\n`)).toBe(true);
    expect(md).toContain('**No differences**');
    expect(md).toContain('byte-identical');
    expect(md).not.toContain('### Data');
  });

  it('shows a changed figure with both values, and a changed sentence with the change marked', () => {
    const md = diffSummary(
      diff({
        data: [{ path: 'market.size_2024', change: 'changed', label: '电商市场规模', fields: ['display', 'value'], before: { label: '电商市场规模', value: 15.3, unit: '万亿元', year: 2024, source: '艾瑞咨询', display: '15.3万亿元' }, after: { label: '电商市场规模', value: 15.9, unit: '万亿元', year: 2024, source: '艾瑞咨询', display: '15.9万亿元' }, reaches: [{ kind: 'text', chapter: 'landscape', section: '2.1.1', sentence: 's' }, { kind: 'chart', id: 'market-size', label: '图2-1' }] }],
        text: [{ kind: 'changed', before: { index: 3, tag: 'p', part: 'chapter', section: '2.1.1 整体规模', text: 'a' }, after: { index: 3, tag: 'p', part: 'chapter', section: '2.1.1 整体规模', text: 'b', page: 12 }, pieces: [], figures: [], sentences: [{ before: '', after: '', pieces: [{ op: 'equal', text: '达到' }, { op: 'delete', text: '15.3万亿元' }, { op: 'insert', text: '15.9万亿元' }, { op: 'equal', text: '。' }] }] }],
        warnings: [{ code: 'DIFF_EDITION_NOT_BUMPED', severity: 'warning', message: 'the data changed but the edition number did not (still 1)', hint: 'Raise `edition`.' }],
      }),
    );
    expect(md).toContain('| `market.size_2024` | 电商市场规模 · 2024 | <del>15.3万亿元</del> | <ins>15.9万亿元</ins> | 万亿元 · 艾瑞咨询 | §2.1.1, 图2-1 |');
    expect(md).toContain('**2.1.1 整体规模** · p. 12\n> 达到<del>15.3万亿元</del><ins>15.9万亿元</ins>。');
    expect(md).toContain('> [!WARNING]\n> **the data changed but the edition number did not (still 1)** `DIFF_EDITION_NOT_BUMPED`');
  });

  it('says beside the unit when a figure became approximate, a bound or a range', () => {
    const rec = { label: '商家', value: 50, unit: '万家', year: 2024, source: '公开资料整理' };
    const md = diffSummary(diff({ data: [{ path: 'platforms.merchants', change: 'changed', label: '商家', fields: ['display', 'qualifier'], before: { ...rec, display: '50万家' }, after: { ...rec, display: '超过50万家', qualifier: '超过' }, reaches: [] }] }));
    expect(md).toContain('| `platforms.merchants` | 商家 · 2024 | <del>50万家</del> | <ins>超过50万家</ins> | 万家 · 公开资料整理 · exact → 超过 | (not printed) |');
  });

  it('stays under GitHub\'s comment limit however large the diff, and says what it left out', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ kind: 'added' as const, after: { index: i, tag: 'p', part: 'chapter' as const, section: `${i}`, text: '新增的段落'.repeat(60) }, pieces: [], sentences: [], figures: [] }));
    const md = diffSummary(diff({ text: many }));
    expect(md.length).toBeLessThan(githubCommentLimit);
    expect(md).toMatch(/… and \d+ more changed paragraphs in diff\.json\./);
    expect(md).toContain('### Pages'); // the sections after the long one still come
  });

  it('escapes what would be Markdown or HTML in the text', () => {
    expect(marked([{ op: 'equal', text: '<script>*x*|' }, { op: 'insert', text: '[a](b)' }])).toBe('&lt;script&gt;\\*x\\*\\|<ins>\\[a\\](b)</ins>');
    expect(ranges([2, 3, 4, 9, 11, 12])).toBe('2–4, 9, 11–12');
  });

  it('escapes changes[].from/to quoted in a warning: no image, mention or HTML reaches the comment (issue 21)', () => {
    const recorded = { path: 'market.size', label: '规模', from: '<img src="https://evil.example/x.png">', to: '@org/team ![x](https://evil.example/y.png)' };
    const warning = diag('DIFF_CHANGELOG_STALE', { detail: changelogProblems([{ path: 'market.size', label: '规模', from: '1', to: '2' }], [recorded])! });
    const md = diffSummary(diff({ warnings: [warning] }));
    expect(md).toContain('DIFF_CHANGELOG_STALE');
    expect(md).not.toMatch(/<img|@org|!\[|https:\/\/evil/);
    expect(md).toContain('&lt;img src="https:\u2060//evil.example/x.png"&gt;');
  });
});
