/**
 * Every field a chart spec reads, checked against the rows it draws (issue 20): encodings,
 * tooltips, sorts, transforms' `field:` and `groupby:`, and `datum.x` in `calculate:`, `filter:`
 * and `test:` expressions. Vega-Lite draws a missing field as nothing and a missing `datum.x` as
 * the text "undefined", so a renamed field would otherwise print silently. The rows' fields come
 * from the same bindRows the render uses; a transform's `as:` adds its field.
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { closest } from '../core/did-you-mean.ts';
import { bindRows } from '../model/bind-rows.ts';
import type { DataNode } from '../model/data-model.ts';
import type { RangeStyle } from '../model/vocabulary.ts';
import type { ChartSpec } from './load-specs.ts';

type Path = (string | number)[];
interface FieldUse {
  field: string;
  path: Path;
  /** the expression it was read from, if any */
  expression?: string;
}

// fields some transforms create under a default name when `as:` is not given
const defaultOutputs = ['key', 'value', 'density', 'prob'];
const expressionKeys = new Set(['calculate', 'filter', 'test']);
const fieldListKeys = new Set(['groupby', 'fold']);
const datumField = /\bdatum\s*\.\s*([A-Za-z_$][\w$]*)|\bdatum\s*\[\s*(['"])([^'"]*)\2\s*\]/g;

/** The fields of the rows a chart's bindings give (the same rows the render draws). */
export function rowFields(spec: ChartSpec, nodes: Map<string, DataNode>, range: RangeStyle): Set<string> {
  const fields = new Set<string>();
  for (const b of spec.data) for (const row of bindRows(b.from, nodes, range, b.series).rows) for (const k of Object.keys(row)) if (k !== 'path') fields.add(k);
  if (spec.data.some((b) => b.series === undefined)) fields.delete('series');
  return fields;
}

export function checkChartFields(spec: ChartSpec, nodes: Map<string, DataNode>, range: RangeStyle): Diagnostic[] {
  const fields = rowFields(spec, nodes, range);
  if (!fields.size) return []; // its bindings are reported on their own
  const uses: FieldUse[] = [];
  const made = new Set(defaultOutputs);
  let pivots = false;
  const walk = (v: unknown, path: Path) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i]));
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = [...path, k];
      if (k === 'as') [x].flat().forEach((a) => typeof a === 'string' && made.add(a));
      else if (k === 'pivot') pivots = true;
      if (k === 'field' && typeof x === 'string') uses.push({ field: x, path: p });
      else if (fieldListKeys.has(k) && Array.isArray(x)) x.forEach((f, i) => typeof f === 'string' && uses.push({ field: f, path: [...p, i] }));
      else if (expressionKeys.has(k) && typeof x === 'string') for (const m of x.matchAll(datumField)) uses.push({ field: m[1] ?? m[3], path: p, expression: x });
      else walk(x, p);
    }
  };
  walk(spec.spec, ['spec']);
  if (pivots) return []; // a pivot makes fields of the data's values: nothing to check them against
  const known = [...fields, ...made];
  return uses
    .filter((u) => !known.includes(u.field.replace(/\\\./g, '.')))
    .map((u) => {
      const suggestion = closest(u.field, known);
      const where = u.expression ? `the expression "${u.expression}"` : `\`${u.path.slice(u.path.lastIndexOf('encoding') >= 0 ? u.path.lastIndexOf('encoding') : 1).join('.')}\``;
      return diag('CHART_UNKNOWN_FIELD', { field: u.field, where, suggestion, fields: [...fields].join(', ') }, { ...spec.at(u.path), dataPath: `${spec.id}.${u.path.join('.')}` });
    });
}
