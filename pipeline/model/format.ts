/**
 * The one place where numbers become Chinese report text. Every helper, chart label and table
 * cell goes through here, so 11.0% prints as 11.0% everywhere and a unit change is one edit.
 */

/** Units that scale into each other (万亿元 = 10^4 亿元 …), so a figure can be shown in another one. */
const unitFamilies: Record<string, Record<string, number>> = {
  money: { 元: 1, 万元: 1e4, 亿元: 1e8, 万亿元: 1e12 },
  people: { 人: 1, 万人: 1e4, 亿人: 1e8 },
  visits: { 人次: 1, 万人次: 1e4, 亿人次: 1e8 },
  times: { 次: 1, 万次: 1e4, 亿次: 1e8 },
  firms: { 家: 1, 万家: 1e4 },
  pieces: { 个: 1, 万个: 1e4 },
};

/** Bare-count display used by `wan`: 3200万人 → "3200万", 12000万人 → "1.2亿". */
const countScale: [number, string][] = [
  [1e8, '亿'],
  [1e4, '万'],
  [1, ''],
];

export function familyOf(unit: string): { name: string; factor: number } | undefined {
  for (const [name, units] of Object.entries(unitFamilies)) if (unit in units) return { name, factor: units[unit] };
  return undefined;
}

/** Fixed decimals, no grouping separators: Chinese reports print 5600亿元, 8000万元. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const rounded = Number(value.toFixed(decimals));
  // avoid "-0.0" after rounding tiny negatives
  const clean = Object.is(rounded, -0) ? 0 : rounded;
  return clean.toFixed(decimals);
}

export function formatValue(value: number, unit: string, decimals: number): string {
  return formatNumber(value, decimals) + unit;
}

/** Converts within a unit family (万亿元 → 亿元); throws when the units do not belong together. */
export function convert(value: number, from: string, to: string): number {
  const a = familyOf(from);
  const b = familyOf(to);
  if (!a || !b || a.name !== b.name) throw new RangeError(`cannot convert ${from} to ${to}`);
  return (value * a.factor) / b.factor;
}

/** Decimals needed after a conversion so no precision is lost or invented (15.3万亿元 → 153000亿元). */
export function decimalsAfterConvert(decimals: number, from: string, to: string): number {
  const shift = Math.round(Math.log10(familyOf(from)!.factor / familyOf(to)!.factor));
  return Math.max(0, decimals - shift);
}

/**
 * Picks the largest unit of the family that keeps the number at or above 1, the way Chinese
 * reports write money: 15300亿元 → 1.53万亿元, 0.8亿元 → 8000万元.
 */
export function scaleToFamily(value: number, unit: string, decimals: number): { value: number; unit: string; decimals: number } {
  const fam = familyOf(unit);
  if (!fam) return { value, unit, decimals };
  const units = Object.entries(unitFamilies[fam.name]).sort((x, y) => y[1] - x[1]);
  const base = value * fam.factor;
  for (const [u, f] of units) {
    if (Math.abs(base) >= f || f === 1) {
      if (u === unit) return { value, unit, decimals };
      const d = decimalsAfterConvert(decimals, unit, u);
      return { value: base / f, unit: u, decimals: significantDecimals(base / f, d) };
    }
  }
  return { value, unit, decimals };
}

/** 3200万人 → "3200万", 12000万人 → "1.2亿": a count written with 万/亿 and no trailing unit. */
export function formatCount(value: number, unit: string, decimals: number): string {
  const fam = familyOf(unit);
  const base = fam ? value * fam.factor : value;
  for (const [f, suffix] of countScale) {
    if (Math.abs(base) >= f || f === 1) {
      const scaled = base / f;
      // scaling up (万 → 亿) adds decimals that only carry the original digits: keep them, trim zeros
      const d = fam ? Math.max(0, decimals + Math.round(Math.log10(f / fam.factor))) : decimals;
      return formatNumber(scaled, significantDecimals(scaled, d)) + suffix;
    }
  }
  return formatNumber(value, decimals);
}

/** A figure shown in another unit of its family, with the decimals its digits support. */
export function convertForDisplay(value: number, from: string, to: string, decimals: number): { value: number; decimals: number } {
  const v = convert(value, from, to);
  return { value: v, decimals: significantDecimals(v, decimalsAfterConvert(decimals, from, to)) };
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
