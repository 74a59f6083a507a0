/**
 * Values written into a data file token by token (sheets/yaml-edits.ts): in flow and block style,
 * inside groups, with comments and quoting around them, only the value's own characters change,
 * and a value keeps the digits it is written with.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, literalFor, yamlKeys } from '../../pipeline/sheets/yaml-edits.ts';

const source = [
  '# 平台格局（注释保留）',
  "top: { year: 2024, value: 80, qualifier: 超过, unit: '%', label: \"五大平台\" }   # 行尾注释",
  'share:',
  '  label: 份额',
  '  items:',
  '    # 组内注释',
  '    alibaba: { label: 阿里巴巴, value: 35.2 }',
  '    nested:',
  '      items:',
  '        deep:',
  '          value: 11.0 # 块样式',
  '          to:    12.0',
  '',
].join('\n');

const edit = (path: string, field: 'value' | 'to', after: number) => ({ path, field, before: 0, after, cell: 'x!C2' });
const apply = (edits: ReturnType<typeof edit>[]) => new TextDecoder().decode(applyEdits([{ path: 'data/platforms.yaml', bytes: new TextEncoder().encode(source) }], edits)[0].bytes);
const changedLines = (text: string) => text.split('\n').flatMap((l, i) => (l !== source.split('\n')[i] ? [l] : []));

describe('applyEdits', () => {
  it('changes only the value’s characters, in flow and block style, in groups and nested groups', () => {
    const out = apply([edit('platforms.top', 'value', 85), edit('platforms.share.alibaba', 'value', 36.45), edit('platforms.share.nested.deep', 'value', 9), edit('platforms.share.nested.deep', 'to', 13.5)]);
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
    expect(changedLines(out)).toEqual([
      "top: { year: 2024, value: 85, qualifier: 超过, unit: '%', label: \"五大平台\" }   # 行尾注释",
      '    alibaba: { label: 阿里巴巴, value: 36.45 }',
      '          value: 9.0 # 块样式',
      '          to:    13.5',
    ]);
  });

  it('leaves files no edit touches out, and a file edited to its own values byte-identical', () => {
    expect(applyEdits([{ path: 'data/market.yaml', bytes: new TextEncoder().encode(source) }], [edit('platforms.top', 'value', 85)])).toEqual([]);
    expect(apply([edit('platforms.share.alibaba', 'value', 35.2)])).toBe(source);
  });
});

describe('literals and keys', () => {
  it('keep the digits of the old literal when they say the new number exactly', () => {
    expect(literalFor(12, '11.0')).toBe('12.0');
    expect(literalFor(12.25, '11.0')).toBe('12.25');
    expect(literalFor(3200, '12000')).toBe('3200');
    expect(literalFor(-1.5, '2')).toBe('-1.5');
  });

  it('map a data path to the file’s keys (a group’s children are under items:)', () => {
    expect(yamlKeys('platforms.share_2024.alibaba', 'value')).toEqual(['share_2024', 'items', 'alibaba', 'value']);
    expect(yamlKeys('market.size_2024', 'to')).toEqual(['size_2024', 'to']);
  });
});
