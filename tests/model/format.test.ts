import { describe, expect, it } from 'vitest';
import { convertForDisplay, decimalsOfLiteral, formatCount, formatNumber, formatValue, scaleToFamily } from '../../pipeline/model/format.ts';

describe('Chinese number formatting', () => {
  it('keeps the declared decimals, trailing zeros included', () => {
    expect(formatValue(11, '%', 1)).toBe('11.0%');
    expect(formatValue(15.3, '万亿元', 1)).toBe('15.3万亿元');
    expect(formatValue(3.2, '个百分点', 1)).toBe('3.2个百分点');
    expect(formatValue(3.5, '倍', 1)).toBe('3.5倍');
  });
  it('prints no grouping separators, as Chinese reports do', () => {
    expect(formatValue(5600, '亿元', 0)).toBe('5600亿元');
    expect(formatNumber(153000, 0)).toBe('153000');
  });
  it('rounds half away from binary noise and never prints -0', () => {
    expect(formatNumber(82.30000000000001, 1)).toBe('82.3');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
  });
  it('writes counts with 万 and 亿', () => {
    expect(formatCount(3200, '万人', 0)).toBe('3200万');
    expect(formatCount(12000, '万人', 0)).toBe('1.2亿');
    expect(formatCount(8.92, '亿人', 2)).toBe('8.92亿');
  });
  it('scales money to the largest fitting unit without inventing digits', () => {
    expect(scaleToFamily(15300, '亿元', 0)).toEqual({ value: 1.53, unit: '万亿元', decimals: 2 });
    expect(scaleToFamily(0.8, '亿元', 1)).toEqual({ value: 8000, unit: '万元', decimals: 0 });
    expect(convertForDisplay(15.3, '万亿元', '亿元', 1)).toEqual({ value: 153000, decimals: 0 });
  });
  it('reads the decimals of a literal as written', () => {
    expect(decimalsOfLiteral('11.0')).toBe(1);
    expect(decimalsOfLiteral('8.92')).toBe(2);
    expect(decimalsOfLiteral('300')).toBe(0);
  });
});
