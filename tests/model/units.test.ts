/** The units of templates/units.yaml: scales, kinds, and what an unknown unit is told. */
import { describe, expect, it } from 'vitest';
import { adviseUnit, convertible, scaleOf } from '../../pipeline/model/units.ts';
import { unitAdvice } from '../../pipeline/check/unit-advice.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

const { units } = vocabulary;

describe('units from templates/units.yaml', () => {
  it('know their scales and what a figure in them is', () => {
    expect(scaleOf(units, '万亿元')?.factor).toBe(1e12);
    expect(convertible(units, '万亿元', '亿元')).toBe(true);
    expect(convertible(units, '万人', '亿元')).toBe(false);
    expect(units.dimensionOf('%')?.kind).toBeUndefined(); // a % figure says what it is
    expect(units.dimensionOf('%')?.kinds).toEqual(['share', 'ratio', 'growth']);
    expect(units.dimensionOf('个百分点')?.kind).toBe('pp');
  });
});

describe('an unknown unit', () => {
  it('is suggested a listed unit only when it means the same thing', () => {
    expect(adviseUnit(units, '万亿')).toEqual({ kind: 'suggest', unit: '万亿元' }); // truncated
    expect(adviseUnit(units, '百分点')).toEqual({ kind: 'suggest', unit: '个百分点' });
    expect(adviseUnit(units, '％')).toEqual({ kind: 'suggest', unit: '%' }); // full-width
  });
  it('of another currency is suggested no yuan unit', () => {
    expect(adviseUnit(units, '亿美元')).toEqual({ kind: 'other-currency', word: '美元' });
    expect(unitAdvice(units, '亿美元')).not.toMatch(/亿元/);
  });
  it('of another scale is told the scale’s units, not one of them as a guess', () => {
    expect(adviseUnit(units, '千元')).toMatchObject({ kind: 'other-scale', dimension: { name: 'money' } });
    expect(adviseUnit(units, '千人次')).toMatchObject({ kind: 'other-scale', dimension: { name: 'visits' } });
    expect(unitAdvice(units, '千元')).toContain('元, 万元, 亿元, 万亿元');
  });
  it('that could be several things gets no guess', () => {
    expect(adviseUnit(units, '亿')).toEqual({ kind: 'unknown' }); // 亿元? 亿人? 亿次?
    expect(adviseUnit(units, '吨')).toEqual({ kind: 'unknown' });
  });
});
