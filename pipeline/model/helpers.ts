/**
 * The chapter helpers: how `{{v market.size_2024}}` becomes "15.3万亿元". One table serves both
 * the static check (arity, argument kinds, units: errors before anything renders) and rendering.
 * Helpers return marks, not text: a mark becomes a <span data-path> after Markdown parsing, so a
 * data string can never turn into Markdown or HTML, and every printed figure knows its datum.
 * A qualified figure prints with its qualifier (超过50万家, 8%—10%) through the one formatter;
 * a figure computed from qualified ones is as qualified as they allow (model/qualifiers.ts), and
 * `{{n}}`, which prints a bare number, refuses a qualified figure rather than drop its qualifier.
 */
import { convertForDisplay, convertQuantity, formatCount, formatNumber, formatQuantity, scaleToFamily } from './format.ts';
import type { DataNode, Datum } from './data-model.ts';
import { boundsOf, differenceOf, growthOf, isQualified, quantityOf, ratioOf, type Quantity } from './qualifiers.ts';
import { convertible, scaleOf } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';

export type Mark =
  | { kind: 'value'; text: string; paths: string[]; /** a range (8%—10%): printed on one line */ range?: true }
  | { kind: 'text'; text: string; paths: string[] }
  | { kind: 'figure' | 'table'; id: string }
  | { kind: 'ref'; id: string }
  /** a pointer to the chapter or section that develops a point (核心发现: → 2.1节 · 第6页), by its number as the contents print it */
  | { kind: 'see'; target: string }
  /** the same pointer inside a sentence (规模见3.2.1节，第13页): set as the text is, not as a margin note */
  | { kind: 'at'; target: string };

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
  /** whether what it prints is a figure (a value), not a label, year, source or reference */
  prints: 'figure' | 'text' | 'place';
  check(args: Arg[], hash: Hash, vocab: Vocabulary): string | undefined;
  render(args: Arg[], hash: Hash, vocab: Vocabulary): Mark;
}

const asDatum = (a: Arg) => a as Datum;
const value = (text: string, ...ds: Datum[]): Mark => ({ kind: 'value', text, paths: ds.map((d) => d.path) });
/** A figure's mark; a range is kept on one line (a line never starts with its dash). */
const figure = (q: Quantity, text: string, ...ds: Datum[]): Mark => ({ ...value(text, ...ds), ...(q.to !== undefined ? { range: true as const } : {}) });
const unitIs = (d: Datum, ...units: string[]) => (units.includes(d.unit) ? undefined : `"${d.path}" is in ${d.unit}, expected ${units.join(' or ')}`);
const sameUnit = (a: Datum, b: Datum) => (a.unit === b.unit ? undefined : `"${a.path}" (${a.unit}) and "${b.path}" (${b.unit}) have different units`);
const shown = (d: Datum, vocab: Vocabulary) => formatQuantity(d, d.unit, d.decimals, vocab.range);

/** The figure a two-argument helper computes from a and b, or why it cannot (a divisor that may be zero, bounds that bound nothing). */
function computed(op: 'difference' | 'growth' | 'ratio', a: Datum, b: Datum, vocab: Vocabulary): Quantity | string {
  const [x, y] = [boundsOf(a), boundsOf(b)];
  const bounds = op === 'difference' ? differenceOf(x, y) : op === 'growth' ? growthOf(x, y) : ratioOf(x, y);
  if (!bounds) return `"${b.path}" (${shown(b, vocab)}) may be zero or less`;
  return quantityOf(bounds, vocab.computed) ?? `"${a.path}" (${shown(a, vocab)}) and "${b.path}" (${shown(b, vocab)}) bound nothing: the result could be any value`;
}
const problemOf = (q: Quantity | string) => (typeof q === 'string' ? q : undefined);

export const helpers: Record<string, HelperSpec> = {
  v: {
    usage: '{{v path}} or {{v path unit="亿元" decimals=1}}',
    params: ['datum'],
    hash: ['unit', 'decimals'],
    prints: 'figure',
    check: ([d], h, vocab) => (h.unit && !convertible(vocab.units, asDatum(d).unit, h.unit) ? `cannot show ${asDatum(d).unit} in ${h.unit}` : undefined),
    render([a], h, vocab) {
      const d = asDatum(a);
      if (!h.unit) return figure(d, formatQuantity(d, d.unit, h.decimals ?? d.decimals, vocab.range), d);
      const shownIn = convertForDisplay(vocab.units, d.value, d.unit, h.unit, d.decimals);
      return figure(d, formatQuantity(convertQuantity(vocab.units, d, d.unit, h.unit), h.unit, h.decimals ?? shownIn.decimals, vocab.range), d);
    },
  },
  n: {
    usage: '{{n path}} — the number without its unit (only for an exact figure: {{v path}} prints a qualifier or a range)',
    params: ['datum'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([d], _h, vocab) => (isQualified(asDatum(d)) ? `"${asDatum(d).path}" is ${shown(asDatum(d), vocab)}: the bare number would drop its ${asDatum(d).to !== undefined ? 'range' : `qualifier "${asDatum(d).qualifier!.word}"`}; write {{v ${asDatum(d).path}}}` : undefined),
    render: ([a], h) => value(formatNumber(asDatum(a).value, h.decimals ?? asDatum(a).decimals), asDatum(a)),
  },
  pct: {
    usage: '{{pct path}} — a figure in %',
    params: ['datum'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([d]) => unitIs(asDatum(d), '%'),
    render: ([a], h, vocab) => figure(asDatum(a), formatQuantity(asDatum(a), '%', h.decimals ?? asDatum(a).decimals, vocab.range), asDatum(a)),
  },
  pp: {
    usage: '{{pp newer older}} (two % figures) or {{pp path}} (a figure in 个百分点)',
    params: ['datum', 'datum?'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([a, b], _h, vocab) => (b === undefined ? unitIs(asDatum(a), '个百分点') : (unitIs(asDatum(a), '%') ?? unitIs(asDatum(b), '%') ?? problemOf(computed('difference', asDatum(a), asDatum(b), vocab)))),
    render([a, b], h, vocab) {
      if (b === undefined) return figure(asDatum(a), formatQuantity(asDatum(a), '个百分点', h.decimals ?? asDatum(a).decimals, vocab.range), asDatum(a));
      const [x, y] = [asDatum(a), asDatum(b)];
      const q = computed('difference', x, y, vocab) as Quantity;
      return figure(q, formatQuantity(q, '个百分点', h.decimals ?? Math.max(x.decimals, y.decimals), vocab.range), x, y);
    },
  },
  growth: {
    usage: '{{growth newer older}} — growth in %, 1 decimal unless decimals=…',
    params: ['datum', 'datum'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([a, b], _h, vocab) => sameUnit(asDatum(a), asDatum(b)) ?? problemOf(computed('growth', asDatum(a), asDatum(b), vocab)),
    render([a, b], h, vocab) {
      const [x, y] = [asDatum(a), asDatum(b)];
      const q = computed('growth', x, y, vocab) as Quantity;
      return figure(q, formatQuantity(q, '%', h.decimals ?? 1, vocab.range), x, y);
    },
  },
  times: {
    usage: '{{times a b}} (a ÷ b in 倍) or {{times path}} (a figure in 倍)',
    params: ['datum', 'datum?'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([a, b], _h, vocab) => (b === undefined ? unitIs(asDatum(a), '倍') : (sameUnit(asDatum(a), asDatum(b)) ?? problemOf(computed('ratio', asDatum(a), asDatum(b), vocab)))),
    render([a, b], h, vocab) {
      if (b === undefined) return figure(asDatum(a), formatQuantity(asDatum(a), '倍', h.decimals ?? asDatum(a).decimals, vocab.range), asDatum(a));
      const [x, y] = [asDatum(a), asDatum(b)];
      const q = computed('ratio', x, y, vocab) as Quantity;
      return figure(q, formatQuantity(q, '倍', h.decimals ?? 1, vocab.range), x, y);
    },
  },
  yuan: {
    usage: '{{yuan path}} — money in the largest fitting unit (万亿元/亿元/万元/元)',
    params: ['datum'],
    hash: ['decimals'],
    prints: 'figure',
    check: ([d], _h, vocab) => (scaleOf(vocab.units, asDatum(d).unit)?.dimension.kind === 'amount' ? undefined : `"${asDatum(d).path}" is in ${asDatum(d).unit}, not money on a scale`),
    render([a], h, vocab) {
      const d = asDatum(a);
      const s = scaleToFamily(vocab.units, d.value, d.unit, d.decimals);
      return figure(d, formatQuantity(convertQuantity(vocab.units, d, d.unit, s.unit), s.unit, h.decimals ?? s.decimals, vocab.range), d);
    },
  },
  wan: {
    usage: '{{wan path}} — a count written with 万/亿 (3200万, 1.2亿)',
    params: ['datum'],
    hash: [],
    prints: 'figure',
    check: ([d], _h, vocab) => (scaleOf(vocab.units, asDatum(d).unit) ? undefined : `"${asDatum(d).path}" is in ${asDatum(d).unit}, which has no 万/亿 scale`),
    render: ([a], _h, vocab) => figure(asDatum(a), formatCount(vocab.units, asDatum(a), asDatum(a).unit, asDatum(a).decimals, vocab.range), asDatum(a)),
  },
  label: { usage: '{{label path}}', params: ['datum'], hash: [], prints: 'text', check: () => undefined, render: ([a]) => ({ kind: 'text', text: asDatum(a).label, paths: [asDatum(a).path] }) },
  year: { usage: '{{year path}}', params: ['datum'], hash: [], prints: 'text', check: () => undefined, render: ([a]) => ({ kind: 'text', text: String(asDatum(a).year), paths: [asDatum(a).path] }) },
  source: { usage: '{{source path}}', params: ['datum'], hash: [], prints: 'text', check: () => undefined, render: ([a]) => ({ kind: 'text', text: asDatum(a).source, paths: [asDatum(a).path] }) },
  /** What a bare `{{path}}` means: a text node as literal text, a datum with its unit. */
  text: {
    usage: '{{path.to.text}}',
    params: ['node'],
    hash: [],
    prints: 'figure',
    check: () => undefined,
    render: ([a], _h, vocab) => {
      const n = a as DataNode;
      if (n.kind === 'datum') return figure(n, shown(n, vocab), n);
      return { kind: 'text', text: n.kind === 'text' ? n.text : '', paths: [n.path] };
    },
  },
  figure: { usage: '{{figure "chart-id"}} on a line of its own', params: ['id'], hash: [], prints: 'place', check: () => undefined, render: ([id]) => ({ kind: 'figure', id: id as string }) },
  table: { usage: '{{table "table-id"}} on a line of its own', params: ['id'], hash: [], prints: 'place', check: () => undefined, render: ([id]) => ({ kind: 'table', id: id as string }) },
  ref: { usage: '{{ref "figure-or-table-id"}}', params: ['id'], hash: [], prints: 'place', check: () => undefined, render: ([id]) => ({ kind: 'ref', id: id as string }) },
  see: { usage: '{{see "2.1"}} — points to a chapter (2) or section (2.1, 2.1.3) with the page it starts on', params: ['id'], hash: [], prints: 'place', check: () => undefined, render: ([target]) => ({ kind: 'see', target: target as string }) },
  at: { usage: '（见{{at "3.2.1"}}） — a chapter or section and its page, inside a sentence', params: ['id'], hash: [], prints: 'place', check: () => undefined, render: ([target]) => ({ kind: 'at', target: target as string }) },
};

export const helperNames = Object.keys(helpers);

/** Checks one call's arguments against the helper's declared parameters; a message or undefined. */
export function checkCall(name: string, args: Arg[], hash: Hash, vocab: Vocabulary): string | undefined {
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
  return spec.check(args, hash, vocab);
}

/** Names authors reach for, and the helper that does it: "did you mean" for what edit distance cannot guess. */
export const helperAliases: Record<string, string> = {
  percent: 'pct',
  percentage: 'pct',
  share: 'pct',
  value: 'v',
  num: 'n',
  number: 'n',
  point: 'pp',
  points: 'pp',
  change: 'growth',
  yoy: 'growth',
  ratio: 'times',
  multiple: 'times',
  money: 'yuan',
  rmb: 'yuan',
  count: 'wan',
  chart: 'figure',
  fig: 'figure',
};
