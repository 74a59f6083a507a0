/**
 * The one place where numbers become Chinese report text. Every helper, chart label, table cell
 * and manifest record goes through here, so 11.0% prints as 11.0% everywhere, a qualifier stands
 * where its word belongs (超过50万家, 20余年, 15%以上), a range prints in the report's one style
 * (8%～10%), and a unit change is one edit. Units and their scales come from templates/units.yaml.
 */
import type { Quantity } from './qualifiers.ts';
import { scaleOf, type UnitTable } from './units.ts';
import type { RangeStyle } from './vocabulary.ts';

/** Bare-count display used by `wan`: 3200万人 → "3200万", 12000万人 → "1.2亿". */
const countScale: [number, string][] = [
  [1e8, '亿'],
  [1e4, '万'],
  [1, ''],
];

/**
 * Fixed decimals, and one rule for digit groups in text, tables and charts alike (review 2.5): a
 * number of four integer digits or fewer is never grouped (3200万人, 2024), one of five or more is
 * grouped by thousands with a comma (15,300) — as GB/T 15835 allows. A count prints by magnitude
 * (1.2亿人, not 12000万人: formatCount), so counts never reach five digits.
 */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const rounded = Number(value.toFixed(decimals));
  // avoid "-0.0" after rounding tiny negatives
  const clean = Object.is(rounded, -0) ? 0 : rounded;
  const text = clean.toFixed(decimals);
  return text.replace(/^(-?)(\d{5,})/, (_m, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+$)/g, ','));
}

/**
 * One digit-group rule inside an exhibit (review 35, 3.3: 图2-7 printed 12,000 beside 3200): when any of its
 * figures is grouped (five integer digits or more, formatNumber), every figure of four integer digits is grouped
 * too (3,200), so the figures one reader compares look alike; otherwise the texts are returned as they are.
 */
export function groupAlike(texts: string[]): string[] {
  if (!texts.some((t) => /\d,\d{3}/.test(t))) return texts;
  return texts.map((t) => t.replace(/(^|[^\d.,])(\d)(\d{3})(?![\d,])/g, '$1$2,$3'));
}

/**
 * A printed figure cut into its digits and its words (突破|8000|亿元, 82.3|%), so a key figure can set its digits
 * large and its qualifier and unit smaller: every figure of a callout then has digits of one size (review 35,
 * 3.4: 突破8000亿元 read larger and darker than 80%, its four characters all set at the digits' size).
 */
export function figureParts(text: string): { text: string; digits: boolean }[] {
  return [...text.matchAll(/(\d[\d.,]*)|([^\d]+)/g)].map((m) => ({ text: m[0], digits: m[1] !== undefined }));
}

/** An exact figure with its unit: 15.3万亿元. */
export function formatValue(value: number, unit: string, decimals: number): string {
  return formatNumber(value, decimals) + unit;
}

/**
 * A figure as the report prints it: 15.3万亿元, 约5%, 超过50万家, 20余年, 15%以上, 8%～10%.
 * `numbers` are the value (and a range's upper end) already written, each with its own suffix
 * when it has one (a count written with 万/亿).
 */
function compose(q: Quantity, numbers: string[], written: string, range: RangeStyle): string {
  const unit = unitName(written, range);
  const word = q.qualifier;
  const body = numbers.length === 2 ? numbers[0] + (range.unitOnBothEnds.includes(written) ? unit : '') + range.separator + numbers[1] + unit : numbers[0] + (word?.stands === 'between' ? word.word : '') + unit;
  if (!word || (word.stands === 'between' && numbers.length === 1)) return body;
  return word.stands === 'after' ? body + word.word : word.word + body;
}

/** The locale's name of a unit (zh-Hant: 兆元 for 万亿元, so 15.3兆元, not 15.3萬億元): a figure and a unit line are formatted per locale, never string-replaced. */
export const unitName = (unit: string, range: RangeStyle): string => range.unitNames?.[unit] ?? unit;

/** A unit standing alone (a table's header, a chart's unit line), where a reader of this locale is told the currency: 人民幣兆元. */
export const unitLabel = (unit: string, range: RangeStyle): string => range.unitLabels?.[unit] ?? unitName(unit, range);

/** The one formatter of a figure with its qualifier and unit. */
export function formatQuantity(q: Quantity, unit: string, decimals: number, range: RangeStyle): string {
  const numbers = [q.value, ...(q.to !== undefined ? [q.to] : [])].map((v) => formatNumber(v, decimals));
  return compose(q, numbers, unit, range);
}

/**
 * A date of the edition (ISO, 2025-01-15) the way the report prints dates, from the locale's pattern
 * (locale.yaml `dates`): {y}年{m}月 → 2025年1月, without leading zeros.
 */
export function formatDate(iso: string, pattern: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return pattern.replace('{y}', m[1]).replace('{m}', String(Number(m[2]))).replace('{d}', String(Number(m[3] ?? '1')));
}

/** Converts within a unit scale (万亿元 → 亿元); throws when the units do not belong together. */
export function convert(units: UnitTable, value: number, from: string, to: string): number {
  const a = scaleOf(units, from);
  const b = scaleOf(units, to);
  if (!a || !b || a.dimension !== b.dimension) throw new RangeError(`cannot convert ${from} to ${to}`);
  return (value * a.factor) / b.factor;
}

/** A figure and its range's upper end in another unit of its scale. */
export function convertQuantity<Q extends Quantity>(units: UnitTable, q: Q, from: string, to: string): Q {
  return { ...q, value: convert(units, q.value, from, to), ...(q.to !== undefined ? { to: convert(units, q.to, from, to) } : {}) };
}

/** Decimals needed after a conversion so no precision is lost or invented (15.3万亿元 → 153000亿元). */
export function decimalsAfterConvert(units: UnitTable, decimals: number, from: string, to: string): number {
  const shift = Math.round(Math.log10(scaleOf(units, from)!.factor / scaleOf(units, to)!.factor));
  return Math.max(0, decimals - shift);
}

/**
 * Picks the largest unit of the scale that keeps the number at or above 1, the way Chinese
 * reports write money: 15300亿元 → 1.53万亿元, 0.8亿元 → 8000万元.
 */
export function scaleToFamily(units: UnitTable, value: number, unit: string, decimals: number): { value: number; unit: string; decimals: number } {
  const scale = scaleOf(units, unit);
  if (!scale) return { value, unit, decimals };
  const ordered = Object.entries(scale.dimension.scale!).sort((x, y) => y[1] - x[1]);
  const base = value * scale.factor;
  for (const [u, f] of ordered) {
    if (Math.abs(base) >= f || f === 1) {
      if (u === unit) return { value, unit, decimals };
      const d = decimalsAfterConvert(units, decimals, unit, u);
      return { value: base / f, unit: u, decimals: significantDecimals(base / f, d) };
    }
  }
  return { value, unit, decimals };
}

/** One count written with 万/亿 and no trailing unit: its number and its suffix. */
function countParts(units: UnitTable, value: number, unit: string, decimals: number): { number: string; suffix: string } {
  const scale = scaleOf(units, unit);
  const base = scale ? value * scale.factor : value;
  for (const [f, suffix] of countScale) {
    if (Math.abs(base) >= f || f === 1) {
      const scaled = base / f;
      // scaling up (万 → 亿) adds decimals that only carry the original digits: keep them, trim zeros
      const d = scale ? Math.max(0, decimals + Math.round(Math.log10(f / scale.factor))) : decimals;
      return { number: formatNumber(scaled, significantDecimals(scaled, d)), suffix };
    }
  }
  return { number: formatNumber(value, decimals), suffix: '' };
}

/** 3200万人 → "3200万", 12000万人 → "1.2亿", 超过3500万人 → "超过3500万", 1500余万人次 → "1500余万". */
export function formatCount(units: UnitTable, q: Quantity, unit: string, decimals: number, range: RangeStyle): string {
  const ends = [q.value, ...(q.to !== undefined ? [q.to] : [])].map((v) => countParts(units, v, unit, decimals));
  // a range names the scale at both ends (8000万～1.2亿); one figure puts `between` words before its suffix (1500余万)
  if (ends.length === 2) return compose(q, ends.map((e) => e.number + e.suffix), '', range);
  return compose(q, [ends[0].number], ends[0].suffix, range);
}

/**
 * A count in its scale's style, unit included, as the prose writes it with {{wan}}人: 12000万人 →
 * "1.2亿人", 3200万人 → "3200万人". Undefined for a figure that is not a count of a 万/亿 scale.
 */
export function formatScaledCount(units: UnitTable, q: Quantity, unit: string, decimals: number, range: RangeStyle): string | undefined {
  const base = countBase(units, unit);
  return base === undefined ? undefined : formatCount(units, q, unit, decimals, range) + base;
}

/** The unit a count of a 万/亿 scale is counted in (人 for 万人); undefined for any other unit. */
export function countBase(units: UnitTable, unit: string): string | undefined {
  const scale = scaleOf(units, unit);
  return scale && scale.dimension.kind === 'count' ? Object.entries(scale.dimension.scale ?? {}).find(([, f]) => f === 1)?.[0] : undefined;
}

/** A figure shown in another unit of its scale, with the decimals its digits support. */
export function convertForDisplay(units: UnitTable, value: number, from: string, to: string, decimals: number): { value: number; decimals: number } {
  const v = convert(units, value, from, to);
  return { value: v, decimals: significantDecimals(v, decimalsAfterConvert(units, decimals, from, to)) };
}

/** Drops decimals that a scale change made meaningless zeros (12000万 → 1.2亿, not 1.2000亿). */
function significantDecimals(value: number, max: number): number {
  for (let d = 0; d <= max; d++) if (Number(value.toFixed(d)) === Number(value.toFixed(max))) return d;
  return max;
}

/** Counts the decimals of a numeric literal as written in the source text ("11.0" → 1, "8.92" → 2). */
export function decimalsOfLiteral(literal: string): number | undefined {
  const m = /^[-+]?\d+(?:\.(\d+))?$/.exec(literal.trim());
  if (!m) return undefined;
  return m[1]?.length ?? 0;
}
