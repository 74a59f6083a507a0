/**
 * The chapter helpers: how `{{v market.size_2024}}` becomes "15.3万亿元". One table serves both
 * the static check (arity, argument kinds, units: errors before anything renders) and rendering.
 * Helpers return marks, not text: a mark becomes a <span data-path> after Markdown parsing, so a
 * data string can never turn into Markdown or HTML, and every printed figure knows its datum.
 */
import { convertForDisplay, familyOf, formatCount, formatNumber, formatValue, scaleToFamily } from './format.ts';
import type { DataNode, Datum } from './data-model.ts';

export type Mark =
  | { kind: 'value'; text: string; paths: string[] }
  | { kind: 'text'; text: string; paths: string[] }
  | { kind: 'figure' | 'table'; id: string }
  | { kind: 'ref'; id: string };

export type Arg = DataNode | string; // a data node, or a string literal (ids)
export interface Hash {
  unit?: string;
  decimals?: number;
}

interface HelperSpec {
  usage: string;
  /** 'datum' | 'node' (datum or text) | 'id' (string literal); trailing '?' marks optional */
  params: string[];
  hash: (keyof Hash)[];
  check(args: Arg[], hash: Hash): string | undefined;
  render(args: Arg[], hash: Hash): Mark;
}

const asDatum = (a: Arg) => a as Datum;
const value = (text: string, ...ds: Datum[]): Mark => ({ kind: 'value', text, paths: ds.map((d) => d.path) });
const unitIs = (d: Datum, ...units: string[]) => (units.includes(d.unit) ? undefined : `"${d.path}" is in ${d.unit}, expected ${units.join(' or ')}`);
const sameUnit = (a: Datum, b: Datum) => (a.unit === b.unit ? undefined : `"${a.path}" (${a.unit}) and "${b.path}" (${b.unit}) have different units`);

export const helpers: Record<string, HelperSpec> = {
  v: {
    usage: '{{v path}} or {{v path unit="亿元" decimals=1}}',
    params: ['datum'],
    hash: ['unit', 'decimals'],
    check: ([d], h) => (h.unit && !(familyOf(asDatum(d).unit) && familyOf(h.unit)?.name === familyOf(asDatum(d).unit)?.name) ? `cannot show ${asDatum(d).unit} in ${h.unit}` : undefined),
    render([a], h) {
      const d = asDatum(a);
      if (!h.unit) return value(formatValue(d.value, d.unit, h.decimals ?? d.decimals), d);
      const shown = convertForDisplay(d.value, d.unit, h.unit, d.decimals);
      return value(formatValue(shown.value, h.unit, h.decimals ?? shown.decimals), d);
    },
  },
  n: {
    usage: '{{n path}} — the number without its unit, e.g. for ranges {{n a}}—{{v b}}',
    params: ['datum'],
    hash: ['decimals'],
    check: () => undefined,
    render: ([a], h) => value(formatNumber(asDatum(a).value, h.decimals ?? asDatum(a).decimals), asDatum(a)),
  },
  pct: {
    usage: '{{pct path}} — a figure in %',
    params: ['datum'],
    hash: ['decimals'],
    check: ([d]) => unitIs(asDatum(d), '%'),
    render: ([a], h) => value(formatValue(asDatum(a).value, '%', h.decimals ?? asDatum(a).decimals), asDatum(a)),
  },
  pp: {
    usage: '{{pp newer older}} (two % figures) or {{pp path}} (a figure in 个百分点)',
    params: ['datum', 'datum?'],
    hash: ['decimals'],
    check: ([a, b]) => (b === undefined ? unitIs(asDatum(a), '个百分点') : (unitIs(asDatum(a), '%') ?? unitIs(asDatum(b), '%'))),
    render([a, b], h) {
      if (b === undefined) return value(formatValue(asDatum(a).value, '个百分点', h.decimals ?? asDatum(a).decimals), asDatum(a));
      const [x, y] = [asDatum(a), asDatum(b)];
      return value(formatValue(x.value - y.value, '个百分点', h.decimals ?? Math.max(x.decimals, y.decimals)), x, y);
    },
  },
  growth: {
    usage: '{{growth newer older}} — growth in %, 1 decimal unless decimals=…',
    params: ['datum', 'datum'],
    hash: ['decimals'],
    check: ([a, b]) => sameUnit(asDatum(a), asDatum(b)) ?? (asDatum(b).value === 0 ? `"${asDatum(b).path}" is zero` : undefined),
    render([a, b], h) {
      const [x, y] = [asDatum(a), asDatum(b)];
      return value(formatValue((x.value / y.value - 1) * 100, '%', h.decimals ?? 1), x, y);
    },
  },
  times: {
    usage: '{{times a b}} (a ÷ b in 倍) or {{times path}} (a figure in 倍)',
    params: ['datum', 'datum?'],
    hash: ['decimals'],
    check: ([a, b]) => (b === undefined ? unitIs(asDatum(a), '倍') : (sameUnit(asDatum(a), asDatum(b)) ?? (asDatum(b).value === 0 ? `"${asDatum(b).path}" is zero` : undefined))),
    render([a, b], h) {
      if (b === undefined) return value(formatValue(asDatum(a).value, '倍', h.decimals ?? asDatum(a).decimals), asDatum(a));
      const [x, y] = [asDatum(a), asDatum(b)];
      return value(formatValue(x.value / y.value, '倍', h.decimals ?? 1), x, y);
    },
  },
  yuan: {
    usage: '{{yuan path}} — money in the largest fitting unit (万亿元/亿元/万元/元)',
    params: ['datum'],
    hash: ['decimals'],
    check: ([d]) => (familyOf(asDatum(d).unit)?.name === 'money' ? undefined : `"${asDatum(d).path}" is in ${asDatum(d).unit}, not money`),
    render([a], h) {
      const d = asDatum(a);
      const s = scaleToFamily(d.value, d.unit, d.decimals);
      return value(formatValue(s.value, s.unit, h.decimals ?? s.decimals), d);
    },
  },
  wan: {
    usage: '{{wan path}} — a count written with 万/亿 (3200万, 1.2亿)',
    params: ['datum'],
    hash: [],
    check: ([d]) => (familyOf(asDatum(d).unit) ? undefined : `"${asDatum(d).path}" is in ${asDatum(d).unit}, which has no 万/亿 scale`),
    render: ([a]) => value(formatCount(asDatum(a).value, asDatum(a).unit, asDatum(a).decimals), asDatum(a)),
  },
  label: { usage: '{{label path}}', params: ['datum'], hash: [], check: () => undefined, render: ([a]) => ({ kind: 'text', text: asDatum(a).label, paths: [asDatum(a).path] }) },
  year: { usage: '{{year path}}', params: ['datum'], hash: [], check: () => undefined, render: ([a]) => ({ kind: 'text', text: String(asDatum(a).year), paths: [asDatum(a).path] }) },
  source: { usage: '{{source path}}', params: ['datum'], hash: [], check: () => undefined, render: ([a]) => ({ kind: 'text', text: asDatum(a).source, paths: [asDatum(a).path] }) },
  /** What a bare `{{path}}` means: a text node as literal text, a datum with its unit. */
  text: {
    usage: '{{path.to.text}}',
    params: ['node'],
    hash: [],
    check: () => undefined,
    render: ([a]) => {
      const n = a as DataNode;
      if (n.kind === 'datum') return value(formatValue(n.value, n.unit, n.decimals), n);
      return { kind: 'text', text: n.kind === 'text' ? n.text : '', paths: [n.path] };
    },
  },
  figure: { usage: '{{figure "chart-id"}} on a line of its own', params: ['id'], hash: [], check: () => undefined, render: ([id]) => ({ kind: 'figure', id: id as string }) },
  table: { usage: '{{table "table-id"}} on a line of its own', params: ['id'], hash: [], check: () => undefined, render: ([id]) => ({ kind: 'table', id: id as string }) },
  ref: { usage: '{{ref "figure-or-table-id"}}', params: ['id'], hash: [], check: () => undefined, render: ([id]) => ({ kind: 'ref', id: id as string }) },
};

export const helperNames = Object.keys(helpers);

/** Checks one call's arguments against the helper's declared parameters; a message or undefined. */
export function checkCall(name: string, args: Arg[], hash: Hash): string | undefined {
  const spec = helpers[name];
  const min = spec.params.filter((p) => !p.endsWith('?')).length;
  if (args.length < min || args.length > spec.params.length) return `takes ${min === spec.params.length ? min : `${min}–${spec.params.length}`} argument(s), got ${args.length}`;
  for (const [i, a] of args.entries()) {
    const kind = spec.params[i].replace('?', '');
    if (kind === 'id' && typeof a !== 'string') return `argument ${i + 1} must be a quoted id`;
    if (kind === 'datum' && (typeof a === 'string' || a.kind !== 'datum')) return `argument ${i + 1} must be a figure (a datum path)${typeof a !== 'string' && a.kind === 'text' ? `; "${a.path}" is a text` : ''}`;
    if (kind === 'node' && (typeof a === 'string' || a.kind === 'group')) return `"${typeof a === 'string' ? a : a.path}" is a group; name one of its items`;
  }
  for (const k of Object.keys(hash)) if (!(spec.hash as string[]).includes(k)) return `unknown option ${k}=`;
  return spec.check(args, hash);
}
