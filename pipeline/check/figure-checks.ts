/**
 * What each figure must be, by its kind and its years: a share lies within 0–100 %, a count is a
 * whole number, a change in 个百分点 within ±100, a multiple above zero, any % or 个百分点 within
 * ±1000 (a typo, or a value in the wrong unit); a forecast is for a year after its base year; a
 * series (a group of data with distinct numeric years and one unit) is in ascending years. Every
 * end of a range or bound is checked.
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { formatQuantity } from '../model/format.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import { scaleOf } from '../model/units.ts';
import type { Vocabulary } from '../model/vocabulary.ts';

export function checkFigures(nodes: Map<string, DataNode>, vocab: Vocabulary): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shown = (d: Datum) => formatQuantity(d, d.unit, d.decimals, vocab.range);
  for (const d of [...nodes.values()].filter(isDatum)) {
    const ends = [d.value, ...(d.to !== undefined ? [d.to] : [])];
    const where = { ...d.pos, dataPath: d.path };
    const outside = (what: string, range: string, ok: (v: number) => boolean) => {
      if (!ends.every(ok)) out.push(diag('RULE_RANGE', { what: `${what} "${d.label}"`, range, value: shown(d) }, where));
    };
    switch (d.figureKind) {
      case 'share':
        outside('share', 'within 0–100%', (v) => v >= 0 && v <= 100);
        break;
      case 'pp':
        outside('change', 'within −100 to 100 percentage points', (v) => Math.abs(v) <= 100);
        break;
      case 'multiple':
        outside('multiple', 'above 0', (v) => v > 0);
        break;
      case 'count': {
        const factor = scaleOf(vocab.units, d.unit)?.factor ?? 1;
        // in the smallest unit of its scale: 8.92亿人 is 892000000人, a whole number
        if (!ends.every((v) => Math.abs(v * factor - Math.round(v * factor)) < 1e-6 * Math.max(1, factor))) out.push(diag('RULE_COUNT', { value: shown(d) }, where));
        break;
      }
    }
    // a ratio or growth rate beyond ±1000 % is a typo, or a value in the wrong unit
    if (d.figureKind === 'ratio' || d.figureKind === 'growth') outside('figure', 'within −1000% to 1000%', (v) => Math.abs(v) <= 1000);
    if (d.baseYear !== undefined && yearNumber(d.year) <= yearNumber(d.baseYear)) {
      out.push(diag('RULE_FORECAST_YEAR', { year: String(d.year), base: String(d.baseYear) }, where));
    }
  }
  for (const node of nodes.values()) {
    if (node.kind !== 'group') continue;
    const items = node.keys.map((k) => nodes.get(`${node.path}.${k}`)).filter(isDatum);
    const years = items.map((i) => i.year);
    const isSeries = items.length > 1 && items.length === node.keys.length && years.every((y) => typeof y === 'number') && new Set(years).size === years.length && new Set(items.map((i) => i.unit)).size === 1;
    const wrong = isSeries ? items.findIndex((d, i) => i > 0 && (d.year as number) < (items[i - 1].year as number)) : -1;
    if (wrong > 0) out.push(diag('RULE_YEARS_ORDER', { years: years.join(', ') }, { ...items[wrong].pos, dataPath: node.path }));
  }
  return out;
}

export function yearNumber(y: number | string): number {
  return typeof y === 'number' ? y : Number(String(y).slice(0, 4));
}
