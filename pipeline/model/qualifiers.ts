/**
 * Qualified figures: a value the source gives as approximate (约5%, 5%左右), as a bound (超过50万家,
 * 不足3%) or as a range (8%—10%). The words and where they stand are the locale's
 * (templates/locale.yaml `qualifiers`); here is what they mean for arithmetic and checks: every
 * figure is an interval of the values it allows, so a computed figure says no more than its
 * operands do (a sum of two lower bounds is a lower bound; growth from a bound to an exact value
 * is a bound the other way).
 */

export const meanings = ['about', 'over', 'under'] as const;
/** about: approximately; over: more than (a lower bound); under: less than (an upper bound) */
export type Means = (typeof meanings)[number];
export const placements = ['before', 'between', 'after'] as const;
/** before the figure (超过50万家), between number and unit (20余年), after the figure (15%以上) */
export type Stands = (typeof placements)[number];

export interface Qualifier {
  word: string;
  means: Means;
  stands: Stands;
}

/** What prints of a figure besides its unit: a value, a range's upper end, a qualifier. */
export interface Quantity {
  value: number;
  /** the upper end of a range (`value` is the lower) */
  to?: number;
  qualifier?: Qualifier;
}

/** How a chart may draw a figure: as a point, an approximate point, an open-ended bar, or a range. */
export type Reading = 'exact' | 'about' | 'over' | 'under' | 'range';

export function readingOf(q: Quantity): Reading {
  if (q.to !== undefined) return 'range';
  return q.qualifier?.means ?? 'exact';
}

export const isQualified = (q: Quantity) => q.to !== undefined || q.qualifier !== undefined;

/** The values a figure allows: [low, high], open ends infinite; `about` when the source rounds loosely. */
export interface Bounds {
  low: number;
  high: number;
  about: boolean;
}

export function boundsOf(q: Quantity): Bounds {
  const about = q.qualifier?.means === 'about';
  if (q.to !== undefined) return { low: q.value, high: q.to, about };
  if (q.qualifier?.means === 'over') return { low: q.value, high: Infinity, about: false };
  if (q.qualifier?.means === 'under') return { low: -Infinity, high: q.value, about: false };
  return { low: q.value, high: q.value, about };
}

/** The bounds widened by what rounding to `decimals` hides: 15.3 stands for anything in [15.25, 15.35]. */
export function withRounding(b: Bounds, decimals: number): Bounds {
  const half = 0.5 * 10 ** -decimals;
  return { low: b.low - half, high: b.high + half, about: b.about };
}

/** The bounds widened by a relative allowance (`tolerance: 5` = 5 % of the figure). */
export function widened(b: Bounds, relative: number): Bounds {
  const by = (v: number) => (Number.isFinite(v) ? Math.abs(v) * relative : 0);
  return { low: b.low - by(b.low), high: b.high + by(b.high), about: b.about };
}

/**
 * Whether two figures can both be true. Rounding intervals are half-open (15.35 rounds to 15.4),
 * so figures that only touch at an end cannot (parts of at most 6.95 and a total of at least
 * 6.95); a hair of slack absorbs binary floating point.
 */
export const overlaps = (a: Bounds, b: Bounds) => a.low < b.high - 1e-9 && b.low < a.high - 1e-9;

export const sumOf = (bs: Bounds[]): Bounds => ({ low: bs.reduce((s, b) => s + b.low, 0), high: bs.reduce((s, b) => s + b.high, 0), about: bs.some((b) => b.about) });

export const differenceOf = (a: Bounds, b: Bounds): Bounds => ({ low: a.low - b.high, high: a.high - b.low, about: a.about || b.about });

/** a ÷ b, for a divisor known to be positive; undefined when it may be zero or below (不足…). */
export function ratioOf(a: Bounds, b: Bounds): Bounds | undefined {
  if (!(b.low > 0)) return undefined;
  // over an unbounded divisor (超过…) the quotient has no lower bound worth printing: it is an upper bound
  const low = !Number.isFinite(b.high) ? -Infinity : a.low >= 0 ? a.low / b.high : a.low / b.low;
  const high = a.high >= 0 ? a.high / b.low : a.high / b.high;
  return { low, high, about: a.about || b.about };
}

/** Growth from b to a in %: (a ÷ b − 1) × 100. */
export function growthOf(a: Bounds, b: Bounds): Bounds | undefined {
  const r = ratioOf(a, b);
  return r && { low: r.low * 100 - 100, high: r.high * 100 - 100, about: r.about };
}

/**
 * A computed figure as it can be printed, with the words a computed figure gets (`computed`):
 * an exact or approximate value, a bound, or a range; undefined when nothing bounds it (a lower
 * bound minus another: it could be anything).
 */
export function quantityOf(b: Bounds, computed: Record<Means, Qualifier>): Quantity | undefined {
  const [lowOpen, highOpen] = [!Number.isFinite(b.low), !Number.isFinite(b.high)];
  if (lowOpen && highOpen) return undefined;
  if (highOpen) return { value: b.low, qualifier: computed.over };
  if (lowOpen) return { value: b.high, qualifier: computed.under };
  const about = b.about ? { qualifier: computed.about } : {};
  return b.low === b.high ? { value: b.low, ...about } : { value: b.low, to: b.high, ...about };
}
