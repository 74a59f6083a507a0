import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { citation, commentsChannel, runningTitle } from '../../pipeline/render/edition-labels.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { EditionSchema } from '../../pipeline/check/data-schemas.ts';
import { repoRoot } from '../../pipeline/core/project.ts';

const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const report = EditionSchema.parse(parse(readFileSync(join(repoRoot, 'data', 'edition.yaml'), 'utf8')));
// the report's edition as a consultation draft would be (the report itself is final: it knows no address for comments)
const edition = { ...report, status: 'draft' as const, comments: { until: '2025-02-28', to: '电商跨界合作研究课题组', how: '书面意见请注明所涉章节与页码' } };

describe('the suggested citation', () => {
  it('needs no place of publication when the edition names none: GB/T 7714 without [出版地不详] for the report itself (reviews 37 #1.1, 49 1.3)', () => {
    expect(citation(locale, edition)).toBe('电商跨界合作研究课题组. 电商行业竞争格局2025年跨界合作趋势研究：征求意见稿[R]. 2025.');
    expect(citation(locale, { ...edition, status: 'final' })).toBe('电商跨界合作研究课题组. 电商行业竞争格局2025年跨界合作趋势研究[R]. 2025.');
    expect(citation(locale, { ...edition, edition: 2 })).toBe('电商跨界合作研究课题组. 电商行业竞争格局2025年跨界合作趋势研究：征求意见稿[R]. 第2版. 2025.');
  });

  it('is GB/T 7714 with the place when data/edition.yaml gives one', () => {
    expect(citation(locale, { ...edition, place: '北京' })).toBe('电商跨界合作研究课题组. 电商行业竞争格局2025年跨界合作趋势研究：征求意见稿[R]. 北京: 电商跨界合作研究课题组, 2025.');
  });
});

describe("a draft's call for comments", () => {
  it('names who takes the comments and what to write, while the edition is a draft; nothing once it is not', () => {
    expect(commentsChannel(locale, edition)).toBe('意见请提交电商跨界合作研究课题组（书面意见请注明所涉章节与页码）');
    expect(commentsChannel(locale, { ...edition, comments: { until: '2025-02-28', to: '课题组' } })).toBe('意见请提交课题组');
    expect(commentsChannel(locale, { ...edition, status: 'final' })).toBeUndefined();
    expect(commentsChannel(locale, { ...edition, status: 'review' })).toBeUndefined();
  });
});

describe("a verso's running header", () => {
  it("says a draft's and a review edition's status after the short title, a final edition's title alone (review 40 F2)", () => {
    expect(runningTitle(locale, edition)).toBe('电商行业竞争格局2025年跨界合作趋势研究（征求意见稿）');
    expect(runningTitle(locale, { ...edition, status: 'review' })).toBe('电商行业竞争格局2025年跨界合作趋势研究（评审稿）');
    expect(runningTitle(locale, { ...edition, status: 'final' })).toBe('电商行业竞争格局2025年跨界合作趋势研究');
  });
});
