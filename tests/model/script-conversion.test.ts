/** The Traditional edition's text (issue 16): figures per locale, corner quotes, overrides, and the no-Simplified check. */
import { describe, expect, it } from 'vitest';
import { loadLocaleEditions, unusedOverrides } from '../../pipeline/check/load-locale-editions.ts';
import { formatCount, formatQuantity, scaleToFamily, unitLabel } from '../../pipeline/model/format.ts';
import type { Quantity } from '../../pipeline/model/qualifiers.ts';
import { conversionFor, simplifiedLeft } from '../../pipeline/model/script-conversion.ts';
import { rangeStyleOf } from '../../pipeline/model/vocabulary.ts';
import { templateFiles, vocabulary } from '../helpers/vocabulary.ts';

const { editions, diagnostics } = loadLocaleEditions(templateFiles);
const hant = editions.find((e) => e.variant.tag === 'zh-Hant')!;
const hantRange = rangeStyleOf({ range: { separator: vocabulary.range.separator, unit_on_both_ends: vocabulary.range.unitOnBothEnds }, unit_names: hant.variant.unit_names });
const q = (value: number, word?: string, to?: number): Quantity => ({ value, ...(to !== undefined ? { to } : {}), ...(word ? { qualifier: vocabulary.qualifiers.get(word)! } : {}) });

describe('templates/locale.zh-Hant.yaml and zh-Hant-overrides.yaml', () => {
  it('load without problems', () => {
    expect(diagnostics).toEqual([]);
    expect(hant.variant).toMatchObject({ lang: 'zh-Hant-TW', pdf_lang: 'zh-TW', fonts: 'tc' });
  });
});

describe('a figure formatted in both locales', () => {
  const text = conversionFor(hant.variant, hant.overrides).convert;
  it('names 10^12 兆 in zh-Hant and 万亿 in zh-Hans, from the same formatter', () => {
    expect(formatQuantity(q(15.3), '万亿元', 1, vocabulary.range)).toBe('15.3万亿元');
    expect(text(formatQuantity(q(15.3), '万亿元', 1, hantRange))).toBe('15.3兆元');
    expect(text(formatQuantity(q(15, '突破'), '万亿元', 0, hantRange))).toBe('突破15兆元');
    expect(text(formatQuantity(q(5600), '亿元', 0, hantRange))).toBe('5600億元');
    // a range keeps the report's range style; a scaled figure gets the locale's unit name too
    expect(text(formatQuantity(q(8, undefined, 10), '%', 0, hantRange))).toBe('8%～10%');
    const s = scaleToFamily(vocabulary.units, 15300, '亿元', 0);
    expect(text(formatQuantity({ value: s.value }, s.unit, s.decimals, hantRange))).toBe('1.53兆元');
    expect(text(formatCount(vocabulary.units, q(12000), '万人', 0, hantRange))).toBe('1.2億');
  });
  it("prints ranges in the zh-Hant range style (～) and names the currency where a unit stands alone (locale.zh-Hant.yaml)", () => {
    const twRange = rangeStyleOf({ range: { separator: hant.variant.range_separator!, unit_on_both_ends: vocabulary.range.unitOnBothEnds }, unit_names: hant.variant.unit_names, unit_labels: hant.variant.unit_labels });
    expect(text(formatQuantity(q(8, undefined, 10), '%', 0, twRange))).toBe('8%～10%');
    expect(text(formatQuantity(q(80, undefined, 100), '元/人', 0, twRange))).toBe('80～100元/人');
    expect(formatQuantity(q(80, undefined, 100), '元/人', 0, vocabulary.range)).toBe('80～100元/人'); // GB/T 15834: a numeric range with the 浪纹线
    // a figure names its unit as printed; a table header or a chart's unit line names the currency
    expect(text(formatQuantity(q(15.3), '万亿元', 1, twRange))).toBe('15.3兆元');
    expect(unitLabel('万亿元', twRange)).toBe('人民幣兆元');
    expect(unitLabel('元/人', twRange)).toBe('人民幣元/人');
    expect(unitLabel('%', twRange)).toBe('%');
    expect(unitLabel('万亿元', vocabulary.range)).toBe('万亿元');
  });
  it('writes corner quotes in zh-Hant: 「」 and 『』 for “” and ‘’', () => {
    expect(text('“强者恒强”的马太效应')).toBe('「強者恆強」的馬太效應');
    expect(text('他说：“这是‘开放协同’”')).toBe('他說：「這是『開放協同』」');
  });
  it('converts only text: ASCII (ids, paths, numbers) is left as it is', () => {
    expect(text('fig-market-size')).toBe('fig-market-size');
    expect(text('35.2%')).toBe('35.2%');
  });
});

describe('overrides', () => {
  it('apply where OpenCC alone gets the term wrong, and record that they were used', () => {
    const bare = conversionFor(hant.variant, []).convert;
    expect(bare('年轻用户爱看短视频')).toBe('年輕使用者愛看短影片');
    const c = conversionFor(hant.variant, hant.overrides);
    expect(c.convert('年轻用户爱看短视频')).toBe('年輕消費者愛看短影音');
    expect(c.convert('艾瑞咨询发布的报告；销售渠道')).toBe('艾瑞咨詢發布的報告；銷售通路');
    expect([...c.used].sort()).toEqual(['发布', '年轻用户', '短视频', '渠道', '艾瑞咨询'].sort());
  });
  it('the longest source wins: 头部平台 before 平台', () => {
    expect(conversionFor(hant.variant, hant.overrides).convert('头部平台与中小平台')).toBe('龍頭平台與中小平台');
  });
  it('an override no text used is reported at its line', () => {
    const c = conversionFor(hant.variant, hant.overrides);
    c.convert('年轻用户');
    const unused = unusedOverrides(hant, c.used);
    expect(unused.map((d) => d.code)).toContain('LOCALE_OVERRIDE_UNUSED');
    expect(unused.some((d) => d.message.includes('"年轻用户"'))).toBe(false);
    const first = unused.find((d) => d.message.includes('"发布"'))!;
    expect(first).toMatchObject({ file: 'templates/zh-Hant-overrides.yaml', severity: 'warning' });
    expect(first.line).toBeGreaterThan(5);
  });
});

describe('the no-Simplified check', () => {
  const c = conversionFor(hant.variant, hant.overrides);
  it("passes Traditional text, overrides' forms included (converting it again changes nothing)", () => {
    expect(simplifiedLeft(c.convert('2024年头部平台的用户运营投入200亿元，占比达到45%。'), c)).toEqual([]);
  });
  it('fails on a planted Simplified character and says which, where, and what it would be', () => {
    const good = c.convert('电商行业已告别高速扩张阶段，全面进入平稳运行的新常态');
    const planted = good.replace('擴張', '扩張');
    expect(planted).not.toBe(good);
    const left = simplifiedLeft(planted, c);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ found: '扩', expected: '擴' });
    expect(left[0].context).toContain('扩張');
  });
});

describe('a word said twice by the conversion (使用户 → 使使用者)', () => {
  it('is recorded with its source and context when the converter alone makes it', () => {
    const bare = conversionFor(hant.variant, []);
    // twp turns 用户 into 使用者, next to the 使 (make) before it
    expect(bare.convert('该功能使用户停留时长增加')).toContain('使使用者');
    expect(bare.stutters).toEqual([{ source: '该功能使用户停留时长增加', context: expect.stringContaining('使使用者') }]);
  });
  it("is recorded where an override's form repeats the word before it, and not inside an override's form", () => {
    const c = conversionFor(hant.variant, [{ from: '课题组', to: '研究團隊' }, { from: '国家统计局', to: '中國國家統計局' }]);
    expect(c.convert('本报告由研究课题组编写')).toBe('本報告由研究研究團隊編寫');
    expect(c.stutters.map((s) => s.context)).toEqual([expect.stringContaining('研究研究')]);
    c.convert('数据来自国家统计局');
    expect(c.stutters).toHaveLength(1);
  });
  it("is not recorded for the source's own repeated words", () => {
    const c = conversionFor(hant.variant, hant.overrides);
    c.convert('人人都常常网购');
    expect(c.stutters).toEqual([]);
  });
  it('does not happen with the edition\'s overrides: 使用户 reads 讓使用者', () => {
    const c = conversionFor(hant.variant, hant.overrides);
    expect(c.convert('检测工具使用户的购买决策周期缩短')).toBe('檢測工具讓使用者的購買決策週期縮短');
    expect(c.stutters).toEqual([]);
  });
});
