/** The hints for common data-entry mistakes (issue 20): each says what to type. */
import { describe, expect, it } from 'vitest';
import { entryAdvice } from '../../pipeline/check/entry-advice.ts';
import { diag } from '../../pipeline/core/errors.ts';

describe('what to type instead', () => {
  it('a percent sign: the number, and the unit prints %', () => {
    expect(entryAdvice('value', '35.2%')).toBe("Write 35.2 and give the datum (or its group) unit: '%'; the unit prints the % sign.");
  });
  it('a thousands separator: the digits alone', () => {
    expect(entryAdvice('value', '1,200')).toMatch(/^Write 1200: no thousands separators/);
    expect(entryAdvice('value', '12,000.5')).toMatch(/^Write 12000\.5:/);
  });
  it('a unit typed into the value: the number, and the unit under unit:', () => {
    expect(entryAdvice('value', '15.3万亿元')).toBe('Write 15.3 and put the unit under `unit: 万亿元` (on the datum or its group); the unit prints after the number.');
  });
  it('a year with 年: the year alone', () => {
    expect(entryAdvice('year', '2024年')).toBe('Write year: 2024; the report prints 年 itself.');
  });
  it('full-width digits: the half-width ones, then the advice for those', () => {
    expect(entryAdvice('value', '３５．２％')).toMatch(/^"３５．２％" is typed with full-width characters: write "35.2%" in half-width \(English input\)\. Write 35\.2 and give/);
  });
  it('no advice for what it cannot read', () => {
    expect(entryAdvice('value', 'abc')).toBeUndefined();
    expect(entryAdvice('label', '35%')).toBeUndefined();
  });
  it('a chart referred to but not placed: the line to add', () => {
    expect(diag('REF_NOT_PLACED', { kind: 'chart', helper: 'figure', id: 'market-size' }).hint).toContain('add {{figure "market-size"}} on a line of its own');
  });
});
