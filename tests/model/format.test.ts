import { describe, expect, it } from 'vitest';
import { convertForDisplay, decimalsOfLiteral, formatCount, formatNumber, figureParts, groupAlike, formatQuantity, formatScaledCount, formatValue, scaleToFamily } from '../../pipeline/model/format.ts';
import type { Quantity } from '../../pipeline/model/qualifiers.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

const { units, range, qualifiers } = vocabulary;
const q = (value: number, word?: string, to?: number): Quantity => ({ value, ...(to !== undefined ? { to } : {}), ...(word ? { qualifier: qualifiers.get(word)! } : {}) });

describe('Chinese number formatting', () => {
  it('keeps the declared decimals, trailing zeros included', () => {
    expect(formatValue(11, '%', 1)).toBe('11.0%');
    expect(formatValue(15.3, '万亿元', 1)).toBe('15.3万亿元');
    expect(formatValue(3.2, '个百分点', 1)).toBe('3.2个百分点');
    expect(formatValue(3.5, '倍', 1)).toBe('3.5倍');
  });
  it('one digit-group rule for text, tables and charts: four integer digits or fewer never grouped, five or more by thousands', () => {
    expect(formatValue(5600, '亿元', 0)).toBe('5600亿元');
    expect(formatNumber(3200, 0)).toBe('3200');
    expect(formatNumber(2024, 0)).toBe('2024');
    expect(formatNumber(-9999.5, 1)).toBe('-9999.5');
    expect(formatNumber(15300, 0)).toBe('15,300');
    expect(formatNumber(153000, 0)).toBe('153,000');
    expect(formatNumber(-1234567.125, 3)).toBe('-1,234,567.125'); // the decimals untouched
    expect(formatQuantity({ value: 1200, to: 15000 }, '元', 0, range)).toBe('1200～15,000元');
  });
  it('cuts a key figure into its digits and its words', () => {
    expect(figureParts('突破8000亿元')).toEqual([{ text: '突破', digits: false }, { text: '8000', digits: true }, { text: '亿元', digits: false }]);
    expect(figureParts('12,000.5万人').map((p) => p.text)).toEqual(['12,000.5', '万人']);
    expect(figureParts('8%～10%').map((p) => p.digits)).toEqual([true, false, true, false]);
  });
  it('groups the figures of one chart alike: once one has five integer digits, every four-digit one is grouped too', () => {
    // review 35, 3.3: 图2-7 printed 12,000 beside 3200
    expect(groupAlike(['12,000', '3200'])).toEqual(['12,000', '3,200']);
    expect(groupAlike(['3200', '980', '1200.5'])).toEqual(['3200', '980', '1200.5']); // none of five digits: none grouped
    expect(groupAlike(['15,300', '1200.25', '0.1234', '超过2500', '8000—9000', '+1.5'])).toEqual(['15,300', '1,200.25', '0.1234', '超过2,500', '8,000—9,000', '+1.5']);
    expect(groupAlike(['123,456', '456'])).toEqual(['123,456', '456']); // a grouped figure is not grouped again
  });
  it('prints a count by its magnitude, so 12000万人 is never printed (1.2亿人) and 3200万人 one way everywhere', () => {
    expect(formatScaledCount(units, q(12000), '万人', 0, range)).toBe('1.2亿人');
    expect(formatScaledCount(units, q(3200), '万人', 0, range)).toBe('3200万人');
    expect(formatScaledCount(units, q(3500, '超过'), '万人', 0, range)).toBe('超过3500万人');
    expect(formatScaledCount(units, q(8000, undefined, 12000), '万人', 0, range)).toBe('8000万～1.2亿人');
    expect(formatScaledCount(units, q(12), '亿元', 0, range)).toBeUndefined(); // money keeps its unit
  });
  it('rounds half away from binary noise and never prints -0', () => {
    expect(formatNumber(82.30000000000001, 1)).toBe('82.3');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
  });
  it('writes counts with 万 and 亿', () => {
    expect(formatCount(units, q(3200), '万人', 0, range)).toBe('3200万');
    expect(formatCount(units, q(12000), '万人', 0, range)).toBe('1.2亿');
    expect(formatCount(units, q(8.92), '亿人', 2, range)).toBe('8.92亿');
  });
  it('scales money to the largest fitting unit without inventing digits', () => {
    expect(scaleToFamily(units, 15300, '亿元', 0)).toEqual({ value: 1.53, unit: '万亿元', decimals: 2 });
    expect(scaleToFamily(units, 0.8, '亿元', 1)).toEqual({ value: 8000, unit: '万元', decimals: 0 });
    expect(convertForDisplay(units, 15.3, '万亿元', '亿元', 1)).toEqual({ value: 153000, decimals: 0 });
  });
  it('reads the decimals of a literal as written', () => {
    expect(decimalsOfLiteral('11.0')).toBe(1);
    expect(decimalsOfLiteral('8.92')).toBe(2);
    expect(decimalsOfLiteral('300')).toBe(0);
  });
});

describe('qualified figures', () => {
  it('put the qualifier where its word stands: before, between number and unit, after', () => {
    expect(formatQuantity(q(50, '超过'), '万家', 0, range)).toBe('超过50万家');
    expect(formatQuantity(q(5, '左右'), '%', 0, range)).toBe('5%左右');
    expect(formatQuantity(q(15, '以上'), '%', 0, range)).toBe('15%以上');
    expect(formatQuantity(q(20, '余'), '年', 0, range)).toBe('20余年');
    expect(formatQuantity(q(3, '不足'), '%', 0, range)).toBe('不足3%');
    expect(formatQuantity(q(30, '以内'), '分钟', 0, range)).toBe('30分钟以内');
  });
  it('print a range in the report’s one style: the unit at both ends for %, once for other units', () => {
    expect(formatQuantity(q(8, undefined, 10), '%', 0, range)).toBe('8%～10%');
    expect(formatQuantity(q(80, undefined, 100), '元/人', 0, range)).toBe('80～100元/人');
    expect(formatQuantity(q(8, '约', 10), '%', 0, range)).toBe('约8%～10%');
  });
  it('write a qualified count with 万/亿, the between-word before the scale', () => {
    expect(formatCount(units, q(3500, '超过'), '万人', 0, range)).toBe('超过3500万');
    expect(formatCount(units, q(1500, '余'), '万人次', 0, range)).toBe('1500余万');
    expect(formatCount(units, q(8000, undefined, 12000), '万人', 0, range)).toBe('8000万～1.2亿');
  });
});
