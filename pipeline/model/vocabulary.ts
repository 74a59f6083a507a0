/**
 * What figures are written in: the units (templates/units.yaml), the qualifiers and the range
 * style (templates/locale.yaml). Data is validated against it and every figure is printed with it.
 */
import type { Locale } from './locale.ts';
import { meanings, type Means, type Qualifier } from './qualifiers.ts';
import { unitTable, type UnitsFile, type UnitTable } from './units.ts';

export interface RangeStyle {
  separator: string;
  /** units printed after both ends of a range (8%—10%); others once, after the upper end */
  unitOnBothEnds: string[];
  /** how this locale names units (zh-Hant: 万亿元 is 兆元, 10^12 the Taiwan way); unnamed units print as written */
  unitNames?: Record<string, string>;
  /** how this locale names a unit standing alone (a table header, a chart's unit line): zh-Hant 人民幣兆元 */
  unitLabels?: Record<string, string>;
}

export interface Vocabulary {
  units: UnitTable;
  /** a datum's `qualifier:` word → what it means and where it stands */
  qualifiers: Map<string, Qualifier>;
  /** the qualifier a computed figure gets, per meaning */
  computed: Record<Means, Qualifier>;
  range: RangeStyle;
}

/** The vocabulary of a report; a computed-qualifier word that is not a qualifier is reported by the check (load-vocabulary.ts). */
export function vocabularyOf(units: UnitsFile, locale: Pick<Locale, 'qualifiers' | 'computed_qualifiers' | 'range'>): Vocabulary {
  const qualifiers = new Map(Object.entries(locale.qualifiers).map(([word, q]) => [word, { word, ...q }]));
  const computed = Object.fromEntries(meanings.map((m) => [m, qualifiers.get(locale.computed_qualifiers[m]) ?? { word: locale.computed_qualifiers[m], means: m, stands: 'before' }])) as Record<Means, Qualifier>;
  return { units: unitTable(units), qualifiers, computed, range: rangeStyleOf(locale) };
}

/** The report's one range style, from templates/locale.yaml. */
export const rangeStyleOf = (locale: { range: Pick<Locale['range'], 'separator' | 'unit_on_both_ends'> } & { unit_names?: Record<string, string>; unit_labels?: Record<string, string> }): RangeStyle => ({
  separator: locale.range.separator,
  unitOnBothEnds: locale.range.unit_on_both_ends,
  ...(locale.unit_names ? { unitNames: locale.unit_names } : {}),
  ...(locale.unit_labels ? { unitLabels: locale.unit_labels } : {}),
});
