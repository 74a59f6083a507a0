import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/core/project.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { sourceLine } from '../../pipeline/model/source-line.ts';

const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));

describe('the source line under a chart or table', () => {
  it('cites the named sources, then the team’s work on them, as research houses print it', () => {
    expect(sourceLine(['公开资料整理', '国家统计局'], locale)).toBe('资料来源：国家统计局、公开资料；课题组整理。');
    expect(sourceLine(['QuestMobile'], locale)).toBe('资料来源：QuestMobile；课题组整理。');
    expect(sourceLine(['公开资料整理', '本报告预测'], locale)).toBe('资料来源：公开资料；课题组整理、预测。');
  });

  it('says a forecast is the team’s own when it cites nothing, and prints nothing without a source', () => {
    expect(sourceLine(['本报告预测'], locale)).toBe('资料来源：课题组预测。');
    expect(sourceLine(['公开资料整理', '课题组据公开资料整理'], locale)).toBe('资料来源：公开资料；课题组整理。');
    expect(sourceLine([], locale)).toBe('');
    // a table of the team's own synthesis (the research route, the policy matrix) cites nobody and is not 公开资料
    expect(sourceLine(['课题组整理'], locale)).toBe('资料来源：课题组整理。');
  });
});
