/**
 * The units figures may have, read from templates/units.yaml: dimensions of units that mean the
 * same kind of thing, some of them decimal scales (1万亿元 = 10^4 亿元), each with the kinds of
 * figure it can hold. An analyst adds a unit there, never here.
 */
import { z } from 'zod';
import { closest } from '../core/did-you-mean.ts';
import { figureKinds, type FigureKind } from './figure-kinds.ts';

const Kind = z.enum(figureKinds);
const DimensionSchema = z
  .strictObject({
    /** what a figure in these units is when it does not say; without it, a figure must say (`kind:`) */
    kind: Kind.optional(),
    /** what a figure in these units may be (default: `kind` alone) */
    kinds: z.array(Kind).min(1).optional(),
    /** a list of units, or a decimal scale: unit → how many of the smallest unit it holds */
    units: z.union([z.array(z.string().min(1)).min(1), z.record(z.string().min(1), z.number().positive().finite())]),
  })
  .refine((d) => d.kind !== undefined || d.kinds !== undefined, { message: 'a dimension with `kind:` (the default) or `kinds:` (the kinds a figure in it may be)', path: ['kind'] })
  .refine((d) => d.kind === undefined || d.kinds === undefined || d.kinds.includes(d.kind), { message: '`kind:` to be one of `kinds:`', path: ['kind'] });

export const UnitsFileSchema = z.strictObject({
  /** currencies other than the yuan: an unknown unit in one of them is suggested no yuan unit */
  other_currencies: z.array(z.string().min(1)),
  dimensions: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), DimensionSchema),
});
export type UnitsFile = z.infer<typeof UnitsFileSchema>;

export interface Dimension {
  name: string;
  kind?: FigureKind;
  kinds: FigureKind[];
  units: string[];
  /** unit → factor, for a dimension whose units scale into each other */
  scale?: Record<string, number>;
}

export interface UnitTable {
  /** every unit, in the file's order */
  names: string[];
  dimensions: Dimension[];
  otherCurrencies: string[];
  dimensionOf(unit: string): Dimension | undefined;
}

export function unitTable(file: UnitsFile): UnitTable {
  const dimensions: Dimension[] = Object.entries(file.dimensions).map(([name, d]) => {
    const scale = Array.isArray(d.units) ? undefined : d.units;
    return { name, kind: d.kind, kinds: d.kinds ?? [d.kind!], units: scale ? Object.keys(scale) : (d.units as string[]), ...(scale ? { scale } : {}) };
  });
  const byUnit = new Map(dimensions.flatMap((d) => d.units.map((u) => [u, d] as const)));
  return { names: dimensions.flatMap((d) => d.units), dimensions, otherCurrencies: file.other_currencies, dimensionOf: (unit) => byUnit.get(unit) };
}

/** The units listed twice (in two dimensions): each unit means one thing. */
export function unitsListedTwice(file: UnitsFile): { unit: string; dimensions: string[] }[] {
  const seen = new Map<string, string[]>();
  for (const [name, d] of Object.entries(file.dimensions)) for (const u of Array.isArray(d.units) ? d.units : Object.keys(d.units)) seen.set(u, [...(seen.get(u) ?? []), name]);
  return [...seen].filter(([, ds]) => ds.length > 1).map(([unit, dimensions]) => ({ unit, dimensions }));
}

/** A unit's scale: its dimension and how many of the smallest unit it holds; undefined for a unit that does not scale. */
export function scaleOf(units: UnitTable, unit: string): { dimension: Dimension; factor: number } | undefined {
  const d = units.dimensionOf(unit);
  return d?.scale ? { dimension: d, factor: d.scale[unit] } : undefined;
}

/** Whether `from` can be shown in `to`: both in one scale. */
export const convertible = (units: UnitTable, from: string, to: string) => {
  const a = scaleOf(units, from);
  return !!a && a.dimension === scaleOf(units, to)?.dimension;
};

/**
 * What to tell an author about an unknown unit: a unit to use instead only when it means the same
 * thing (a truncated or mistyped unit of one dimension: 万亿 → 万亿元, 百分点 → 个百分点, ％ → %),
 * never one of another currency or another scale (亿美元 is not 亿元, 千元 is not 万元).
 */
export type UnitAdvice =
  | { kind: 'suggest'; unit: string }
  | { kind: 'other-currency'; word: string }
  | { kind: 'other-scale'; dimension: Dimension }
  | { kind: 'unknown' };

export function adviseUnit(units: UnitTable, unknown: string): UnitAdvice {
  const normal = unknown.normalize('NFKC').trim();
  if (normal !== unknown && units.dimensionOf(normal)) return { kind: 'suggest', unit: normal };
  const currency = units.otherCurrencies.find((w) => normal.includes(w));
  if (currency) return { kind: 'other-currency', word: currency };
  // a scale's smallest unit is its base word: 千元 is 元 at a scale the dimension does not have (the longest base wins: 千人次 is 人次, not 次)
  const scaled = units.dimensions
    .map((d) => ({ d, base: d.scale ? Object.entries(d.scale).find(([, f]) => f === 1)?.[0] : undefined }))
    .filter((x): x is { d: Dimension; base: string } => !!x.base && normal.endsWith(x.base) && normal !== x.base)
    .sort((a, b) => b.base.length - a.base.length);
  if (scaled.length) return { kind: 'other-scale', dimension: scaled[0].d };
  const matching = new Set(units.dimensions.filter((d) => d.units.some((u) => u.endsWith(normal) || u.startsWith(normal) || normal.endsWith(u))));
  // a unit of one dimension only: several (亿 → 亿元, 亿人, 亿次 …) is a guess, not a suggestion
  if (matching.size !== 1) return { kind: 'unknown' };
  const [d] = matching;
  // a unit the unknown one is a part of (万亿 of 万亿元) before one it is merely near
  const containing = d.units.filter((u) => u.startsWith(normal) || u.endsWith(normal));
  const unit = closest(normal, containing.length ? containing : d.units);
  return unit ? { kind: 'suggest', unit } : { kind: 'unknown' };
}
