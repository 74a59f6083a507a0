/** The list of sources' 所在章节: the chapters in order, a run of numbered ones as a range. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/core/project.ts';
import { parseLocale } from '../../pipeline/model/locale.ts';
import { whereWords } from '../../pipeline/render/source-list.ts';

const locale = parseLocale(readFileSync(join(repoRoot, 'templates', 'locale.yaml'), 'utf8'));
const chapters = [{ numeral: '核心发现' }, ...['一', '二', '三', '四', '五', '六', '七'].map((numeral) => ({ numeral, numbered: true })), { numeral: '附录A' }];

describe('where a source is printed', () => {
  it('says three or more chapters in a row as a range, fewer one by one, and never joins a front text or an appendix to the run', () => {
    expect(whereWords([0, 1, 2, 3, 4, 5, 6, 7, 8], chapters, locale)).toBe('核心发现、一至七、附录A');
    expect(whereWords([0, 4, 6, 7, 8], chapters, locale)).toBe('核心发现、四、六、七、附录A');
    expect(whereWords([1, 2, 4, 5, 6], chapters, locale)).toBe('一、二、四至六');
    expect(whereWords([7, 8], chapters, locale)).toBe('七、附录A');
  });
});
