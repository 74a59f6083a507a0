/**
 * A consultation draft (status: draft, 征求意见稿) says until when comments are taken and who takes
 * them (data/edition.yaml `comments`), the deadline after the edition's date; a final edition needs
 * none. Each refusal names the file, line and column, what was expected and what was found.
 */
import { describe, expect, it } from 'vitest';
import { BuildError, formatDiagnostic, type Diagnostic } from '../../pipeline/core/errors.ts';
import { loadData } from '../../pipeline/check/load-data.ts';
import type { SourceFile } from '../../pipeline/core/source-text.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

const enc = new TextEncoder();
const editionFile = (fields: { status?: string; comments?: string }): SourceFile => ({
  path: 'data/edition.yaml',
  bytes: enc.encode(
    [
      'title: 测试',
      'short_title: 测试',
      'subtitle: 副标题',
      'slug: t',
      'edition: 1',
      "date: '2025-01-15'",
      `status: ${fields.status ?? 'draft'}`,
      "data_cutoff: '2024-12-31'",
      ...(fields.comments ? [fields.comments] : []),
      'publisher: 课题组',
      'authors: [课题组]',
      'language: zh-CN',
      'subject: 主题',
      'keywords: [电商]',
      'note: 说明',
      'history:',
      "  - { edition: 1, date: '2025-01-15', note: 首版 }",
      '',
    ].join('\n'),
  ),
});
const market: SourceFile = { path: 'data/market.yaml', bytes: enc.encode('size: { value: 15.3, unit: 万亿元, year: 2024, source: 国家统计局, label: 规模 }\n') };

function errorsOf(edition: SourceFile): Diagnostic[] {
  try {
    loadData([edition, market], vocabulary);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected loadData to fail');
}

describe('the call for comments of a consultation draft', () => {
  it('refuses a draft without a comment deadline, at its status line, saying what to add', () => {
    const [d, ...rest] = errorsOf(editionFile({}));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'EDITION_COMMENTS_MISSING', severity: 'error', file: 'data/edition.yaml', line: 7, column: 9, dataPath: 'edition.status' });
    const text = formatDiagnostic(d);
    expect(text).toContain('data/edition.yaml:7:9  edition.status  a consultation draft (status: draft, printed 征求意见稿) must say until when comments are taken and who takes them: expected `comments: { until, to }`, found none  [EDITION_COMMENTS_MISSING]');
    expect(text).toContain("hint: Add to data/edition.yaml `comments: { until: 'YYYY-MM-DD', to: 课题组 }`: the last day comments are taken (after the edition's date, 2025-01-15)");
  });

  it('refuses a deadline that is not after the edition\'s date, at the deadline', () => {
    for (const until of ['2025-01-15', '2024-12-31']) {
      const comments = `comments: { until: '${until}', to: 课题组 }`;
      const [d, ...rest] = errorsOf(editionFile({ comments }));
      expect(rest).toEqual([]);
      expect(formatDiagnostic(d)).toContain(`data/edition.yaml:9:${comments.indexOf("'") + 1}  edition.comments.until  the comment deadline comments.until is not after the edition's date: expected a day after 2025-01-15, found ${until}  [EDITION_COMMENTS_DEADLINE]`);
    }
  });

  it('refuses a call for comments that names nobody to take them (the schema: `to` is required)', () => {
    const [d] = errorsOf(editionFile({ comments: "comments: { until: '2025-02-28' }" }));
    expect(d).toMatchObject({ file: 'data/edition.yaml', line: 9, dataPath: 'edition.comments.to' });
    expect(d.message).toContain('missing required "to"');
  });

  it('takes a draft with a later deadline, and a final edition without one', () => {
    expect(loadData([editionFile({ comments: "comments: { until: '2025-02-28', to: 课题组, how: 书面意见请注明章节与页码 }" }), market], vocabulary).edition.comments).toEqual({ until: '2025-02-28', to: '课题组', how: '书面意见请注明章节与页码' });
    expect(loadData([editionFile({ status: 'final' }), market], vocabulary).warnings).toEqual([]);
  });

  it('warns of a call for comments left on a final edition: it no longer prints', () => {
    const ds = loadData([editionFile({ status: 'final', comments: "comments: { until: '2025-02-28', to: 课题组 }" }), market], vocabulary);
    expect(ds.warnings.map(formatDiagnostic)).toEqual([expect.stringMatching(/^data\/edition\.yaml:9:11  edition\.comments  comments \(until 2025-02-28\) are not printed: the edition is final, not a consultation draft  \[EDITION_COMMENTS_UNUSED\]/)]);
  });
});
