/**
 * The static check of chart and table specs against the data, with file:line:col: every bound
 * data path, every table column, and nothing in a chart that would make the chart (in Node) or
 * the print page load a file or an address. Vega reads `data: { url }` from disk or the network
 * when it draws, and an image mark or `href` puts a URL in the SVG: a chart draws only the rows
 * bound under `data:`.
 */
import { overLimit } from './chart-limits.ts';
import { diag, type Diagnostic, type Where } from '../core/errors.ts';
import type { ChartForm, ChartSpec, Draw, SpecPositions, TableSpec } from './load-specs.ts';
import { isDatum, type DataNode } from '../model/data-model.ts';
import { closest } from '../core/did-you-mean.ts';

type At = SpecPositions;

const pathsOf = (from: string | string[]) => (typeof from === 'string' ? [from] : from);

/** `unavailable(path)`: data that failed to load, reported there: not reported again here. */
/** The form each `draw:` belongs to: a line or a slope is a panel on small multiples' year axis, a change a callout's key figure. */
const smallMultiples = { form: 'small-multiples', what: 'a panel of small multiples', hint: 'Use form: small-multiples, or form: line for one time series.' } as const;
const drawnIn: Record<Draw, { form: ChartForm; what: string; hint: string }> = {
  line: smallMultiples,
  slope: smallMultiples,
  change: { form: 'callout', what: 'a key figure of a callout', hint: 'Use form: callout, or draw the years as columns (orientation: columns).' },
};

export function checkChartSpec(spec: ChartSpec, nodes: Map<string, DataNode>, unavailable: (path: string) => boolean = () => false): { diagnostics: Diagnostic[]; used: string[] } {
  const at = spec.at;
  const out: Diagnostic[] = [];
  const used: string[] = [];
  spec.data.forEach((binding, i) => {
    pathsOf(binding.from).forEach((p, j) => {
      const where = typeof binding.from === 'string' ? ['data', i, 'from'] : ['data', i, 'from', j];
      if (nodes.has(p)) used.push(p);
      else if (!unavailable(p)) out.push(unknownPath('CHART_SPEC', p, nodes, { ...at(where), dataPath: `${spec.id}.${where.join('.')}` }));
    });
    // a way of drawing belongs to one form (drawnIn); any other form would ignore it silently
    const home = binding.draw && drawnIn[binding.draw];
    if (home && spec.form !== home.form) out.push(diag('CHART_SPEC', { detail: `draw: ${binding.draw} is for ${home.what}, not form ${spec.form ?? 'spec'}`, hint: home.hint }, { ...at(['data', i, 'draw']), dataPath: `${spec.id}.data.${i}.draw` }));
  });
  out.push(...unsafeInSpec(spec, at));
  return { diagnostics: out, used };
}

export function checkTableSpec(spec: TableSpec, nodes: Map<string, DataNode>, unavailable: (path: string) => boolean = () => false): { diagnostics: Diagnostic[]; used: string[] } {
  const at = spec.at;
  const out: Diagnostic[] = [];
  const used: string[] = [];
  const rowPaths: string[] = [];
  const rows = pathsOf(spec.rows);
  rows.forEach((p, j) => {
    const where = typeof spec.rows === 'string' ? ['rows'] : ['rows', j];
    const node = nodes.get(p);
    if (!node) return void (unavailable(p) || out.push(unknownPath('TABLE_SPEC', p, nodes, { ...at(where), dataPath: `${spec.id}.${where.join('.')}` })));
    used.push(p);
    if (typeof spec.rows === 'string' && node.kind === 'group') rowPaths.push(...node.keys.map((k) => `${p}.${k}`));
    else rowPaths.push(p);
  });
  // every column must have a value in every row (as render-tables reads them)
  spec.columns.forEach((col, c) => {
    if (col.field === 'label') return;
    // `group`: the label of the group each row's figure is in (a case of a scorecard)
    if (col.field === 'group') {
      const loose = rowPaths.filter((row) => nodes.get(row.slice(0, row.lastIndexOf('.')))?.kind !== 'group');
      if (loose.length) out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": row ${loose.map((r) => `"${r}"`).join(', ')} is in no group to name` }, { ...at(['columns', c, 'field']), dataPath: `${spec.id}.columns.${c}.field` }));
      return;
    }
    if (col.from) {
      // one figure per row, in the rows' order
      if (col.from.length !== rowPaths.length) out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": from lists ${col.from.length} figures for ${rowPaths.length} rows (one per row, in their order)` }, { ...at(['columns', c, 'from']), dataPath: `${spec.id}.columns.${c}.from` }));
      col.from.forEach((p, j) => {
        const node = nodes.get(p);
        if (!node) unavailable(p) || out.push(unknownPath('TABLE_SPEC', p, nodes, { ...at(['columns', c, 'from', j]), dataPath: `${spec.id}.columns.${c}.from.${j}` }));
        else if (!isDatum(node)) out.push(diag('TABLE_SPEC', { detail: `column "${col.header}": "${p}" is a ${node.kind}, not a figure` }, { ...at(['columns', c, 'from', j]), dataPath: `${spec.id}.columns.${c}.from.${j}` }));
        else used.push(p);
      });
      return;
    }
    const lacking = rowPaths.filter((row) => !unavailable(row) && !unavailable(`${row}.${col.field}`)).filter((row) => {
      const node = ['value', 'year', 'source'].includes(col.field) ? nodes.get(row) : nodes.get(`${row}.${col.field}`);
      return !(isDatum(node) || (node?.kind === 'text' && !['value', 'year', 'source'].includes(col.field)));
    });
    if (!lacking.length) return;
    const detail =
      lacking.length === rowPaths.length
        ? `column "${col.header}": no row has a field "${col.field}"`
        : `column "${col.header}": row ${lacking.map((r) => `"${r}"`).join(', ')} ${lacking.length > 1 ? 'have' : 'has'} no field "${col.field}"`;
    out.push(diag('TABLE_SPEC', { detail }, { ...at(['columns', c, 'field']), dataPath: `${spec.id}.columns.${c}.field` }));
  });
  if (spec.footer) {
    const total = nodes.get(spec.footer.from);
    if (!total) unavailable(spec.footer.from) || out.push(unknownPath('TABLE_SPEC', spec.footer.from, nodes, { ...at(['footer', 'from']), dataPath: `${spec.id}.footer.from` }));
    else if (!isDatum(total)) out.push(diag('TABLE_SPEC', { detail: `footer: "${spec.footer.from}" is a ${total.kind}, not a figure` }, { ...at(['footer', 'from']), dataPath: `${spec.id}.footer.from` }));
    else used.push(spec.footer.from);
    const field = spec.footer.field ?? 'value';
    if (!spec.columns.some((c) => c.field === field)) out.push(diag('TABLE_SPEC', { detail: `footer: no column with field "${field}" to hold the total` }, { ...at(spec.footer.field ? ['footer', 'field'] : ['footer']), dataPath: `${spec.id}.footer` }));
  }
  return { diagnostics: out, used };
}

function unknownPath(code: 'CHART_SPEC' | 'TABLE_SPEC', p: string, nodes: Map<string, DataNode>, where: Where): Diagnostic {
  const guess = closest(p, [...nodes.keys()]);
  const detail = `unknown data path "${p}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
  // issue 20: the fix is in data/, not in Vega-Lite
  if (code === 'CHART_SPEC') return diag(code, { detail, hint: 'A chart draws data by its path: the data file\'s name, then its keys (platforms.share_2024 is share_2024 in data/platforms.yaml); a group gives one row per item.' }, where);
  return diag(code, { detail }, where);
}

/** `url`, `href`, `data`, image marks and transforms over their bounds (chart-limits.ts) anywhere inside `spec:` (layers, transforms, lookups …). */
function unsafeInSpec(spec: ChartSpec, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i]));
    if (v === null || typeof v !== 'object') {
      if (path[path.length - 1] === 'mark' && v === 'image') out.push(diag('SPEC_UNSAFE', { what: 'an image mark' }, { ...at(path), dataPath: `${spec.id}.${path.join('.')}` }));
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = [...path, k];
      const where = { ...at(p), dataPath: `${spec.id}.${p.join('.')}` };
      if (k === 'url' || k === 'href') out.push(diag('SPEC_UNSAFE', { what: `\`${k}:\`` }, where));
      else if (k === 'data' || k === 'datasets') out.push(diag('SPEC_UNSAFE', { what: `\`${k}:\` inside \`spec:\` (bind data under the top-level \`data:\`)` }, where));
      else if (k === 'type' && x === 'image' && path[path.length - 1] === 'mark') out.push(diag('SPEC_UNSAFE', { what: 'an image mark' }, where));
      else if (overLimit(k, x, v as Record<string, unknown>)) out.push(diag('SPEC_LIMIT', { what: overLimit(k, x, v as Record<string, unknown>)! }, where));
      else walk(x, p);
    }
  };
  walk(spec.spec, ['spec']);
  return out;
}
