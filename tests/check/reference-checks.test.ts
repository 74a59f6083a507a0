/**
 * 参考资料 and the sources credited under charts and tables agree (check/reference-checks.ts, review 1.11):
 * a cited source with no reference by it is an error at its first datum, with how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { unreferencedSources } from '../../pipeline/check/reference-checks.ts';
import { formatDiagnostic } from '../../pipeline/core/errors.ts';
import type { DataNode } from '../../pipeline/model/data-model.ts';

const datum = (path: string, source: string, line: number) =>
  [path, { kind: 'datum', path, value: 1, unit: '%', source, label: path, pos: { file: 'data/users.yaml', line, column: 3 }, at: {} } as unknown as DataNode] as const;
const nodes = new Map<string, DataNode>([datum('users.a', 'QuestMobile', 5), datum('users.b', 'QuestMobile', 9), datum('users.c', '公开资料整理', 12), datum('users.d', '行业调研', 14), datum('users.e', '国家统计局', 20)]);
const sourceLine = { own_work: { 公开资料整理: { cites: '公开资料', work: '整理' } }, unpublished: ['行业调研'] };

describe('sources and references', () => {
  it('flags a cited source no reference is by, once, at its first datum, with the count and the fix', () => {
    const found = unreferencedSources(nodes, { references: [{ author: '国家统计局', title: '全国网上零售额', type: 'DB', cited_as: ['国家统计局'] }] }, sourceLine);
    expect(found.map((d) => [d.code, d.file, d.line, d.dataPath])).toEqual([['REFERENCE_MISSING', 'data/users.yaml', 5, 'users.a']]);
    const text = formatDiagnostic(found[0]);
    expect(text).toContain('QuestMobile is credited as the source of 2 figure(s)');
    expect(text).toContain('author: QuestMobile');
  });

  it('accepts the compiler\'s own work, the unpublished sources and every source a reference is by', () => {
    const references = [{ author: '国家统计局', title: 'a', type: 'DB' as const, cited_as: ['x'] }, { author: 'QuestMobile', title: 'b', type: 'DB' as const, cited_as: ['y'] }];
    expect(unreferencedSources(nodes, { references }, sourceLine)).toEqual([]);
    expect(unreferencedSources(nodes, {}, sourceLine)).toEqual([]); // no 参考资料 printed, nothing to disagree with
  });
});
