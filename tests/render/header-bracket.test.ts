import { describe, expect, it } from 'vitest';
import { columnHeaderHtml } from '../../pipeline/render/header-bracket.ts';

describe('a column header with its unit', () => {
  it('marks only the closing bracket at the end, the opening one left full-width (review 45 C-9)', () => {
    expect(columnHeaderHtml('发生概率（%）')).toBe('发生概率（%<span class="close-bracket">）</span>');
    expect(columnHeaderHtml('规模（亿元）占比')).toBe('规模（亿元）占比');
    expect(columnHeaderHtml('<b>（%）')).toBe('&lt;b&gt;（%<span class="close-bracket">）</span>');
  });
});
