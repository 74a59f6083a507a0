/**
 * Derived figures (CR5, changes, growth, ratios): computed from their operands, never typed twice.
 * A qualified operand makes a qualified result, honestly: the result is every value the operands
 * allow (model/qualifiers.ts), so a sum of approximate parts is approximate (约), a sum of lower
 * bounds a lower bound, and a result nothing bounds (a lower bound minus another) is an error.
 */
import { diag, type Diagnostic, type Position } from '../core/errors.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import { boundsOf, differenceOf, growthOf, quantityOf, ratioOf, sumOf, type Bounds } from '../model/qualifiers.ts';
import { formatQuantity } from '../model/format.ts';
import type { Vocabulary } from '../model/vocabulary.ts';
import type { DerivedInput, Meta } from './data-schemas.ts';

export interface PendingDerived {
  path: string;
  spec: DerivedInput;
  inherited: Meta;
  pos: Position;
  ofPos: Position;
  /** where its fields (own or inherited) are written */
  at: Partial<Record<string, Position>>;
}

/** `unavailable(path)`: the operand failed to load (already reported), so it is not reported again as unknown. */
export function resolveDerived(pending: PendingDerived[], nodes: Map<string, DataNode>, vocab: Vocabulary, unavailable: (path: string) => boolean = () => false): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPath = new Map(pending.map((p) => [p.path, p]));
  const state = new Map<string, 'visiting' | 'done' | 'failed'>();

  const visit = (p: PendingDerived, stack: string[]): boolean => {
    const s = state.get(p.path);
    if (s === 'done') return true;
    if (s === 'failed') return false;
    if (s === 'visiting') {
      out.push(diag('DERIVE_CYCLE', { cycle: [...stack.slice(stack.indexOf(p.path)), p.path].join(' → ') }, { ...p.pos, dataPath: p.path }));
      return false;
    }
    state.set(p.path, 'visiting');
    const operands: Datum[] = [];
    let ok = true;
    for (const op of expandOperands(p, nodes)) {
      const dep = byPath.get(op);
      if (dep && !visit(dep, [...stack, p.path])) ok = false;
      const node = nodes.get(op);
      if (!isDatum(node)) {
        if (!dep && !unavailable(op)) out.push(diag('DERIVE_UNKNOWN_PATH', { path: op }, { ...p.ofPos, dataPath: p.path }));
        ok = false;
      } else operands.push(node);
    }
    if (ok) {
      const result = compute(p, operands, vocab, out);
      if (result) nodes.set(p.path, result);
      else ok = false;
    }
    state.set(p.path, ok ? 'done' : 'failed');
    return ok;
  };
  for (const p of pending) visit(p, []);
  return out;
}

function expandOperands(p: PendingDerived, nodes: Map<string, DataNode>): string[] {
  const of = p.spec.of;
  if (typeof of === 'string') {
    const g = nodes.get(of);
    if (g?.kind === 'group') return g.keys.map((k) => `${of}.${k}`);
    return [of];
  }
  return of;
}

function compute(p: PendingDerived, ops: Datum[], vocab: Vocabulary, out: Diagnostic[]): Datum | undefined {
  const kind = p.spec.derive;
  const bad = (detail: string, hint?: string) => (out.push(diag('DERIVE_BAD_OPERANDS', { kind, detail, hint }, { ...p.ofPos, dataPath: p.path })), undefined);
  const units = [...new Set(ops.map((o) => o.unit))];
  let bounds: Bounds | undefined;
  let unit: string;
  let decimals = Math.max(...ops.map((o) => o.decimals));
  if (kind === 'sum') {
    if (units.length > 1) return bad(`operands have different units (${units.join(', ')})`, 'Sum figures of one unit only.');
    bounds = sumOf(ops.map(boundsOf));
    unit = units[0];
  } else {
    if (ops.length !== 2) return bad(`needs exactly two operands [a, b], got ${ops.length}`);
    const [a, b] = ops;
    // a % figure less its change in 个百分点 is the earlier % figure (2024's CR5 less its stated rise is 2023's)
    const earlier = kind === 'difference' && a.unit === '%' && b.unit === '个百分点';
    if (a.unit !== b.unit && !earlier) return bad(`operands have different units (${a.unit}, ${b.unit})`, 'Subtract figures of one unit, or a change in 个百分点 from a % figure.');
    if (kind === 'difference') {
      bounds = differenceOf(boundsOf(a), boundsOf(b));
      unit = a.unit === '%' && !earlier ? '个百分点' : a.unit;
    } else {
      bounds = kind === 'growth' ? growthOf(boundsOf(a), boundsOf(b)) : ratioOf(boundsOf(a), boundsOf(b));
      if (!bounds) return bad(`the second operand ${show(b, vocab)} may be zero or less`, 'Divide by a figure known to be above zero.');
      unit = kind === 'growth' ? '%' : '倍';
      decimals = 1;
    }
  }
  const q = quantityOf({ low: roundTo(bounds.low, 10), high: roundTo(bounds.high, 10), about: bounds.about }, vocab.computed);
  if (!q) return bad(`${ops.map((o) => show(o, vocab)).join(' and ')} bound nothing: the result could be any value`, 'A bound taken from a bound of the same direction (or divided by one) allows any value: derive from exact figures, or state the result as data.');
  const spec = p.spec;
  const label = spec.label ?? p.inherited.label;
  if (!label) return bad('it has no label', 'Add `label:` to say what the figure is.');
  const resultUnit = spec.unit ?? p.inherited.unit ?? unit;
  const dimension = vocab.units.dimensionOf(resultUnit);
  const figureKind = spec.kind ?? p.inherited.kind ?? defaultKind(kind, ops) ?? dimension?.kind;
  if (!figureKind) return bad(`a figure in ${resultUnit} must say what it measures`, `Add \`kind:\` (${dimension?.kinds.join(', ')}) to the derived figure.`);
  const subject = spec.subject ?? p.inherited.subject;
  return {
    kind: 'datum',
    path: p.path,
    ...q,
    unit: resultUnit,
    year: spec.year ?? p.inherited.year ?? ops[0].year,
    source: spec.source ?? p.inherited.source ?? [...new Set(ops.map((o) => o.source))].join('、'),
    label,
    decimals: spec.decimals ?? decimals,
    figureKind,
    note: spec.note,
    baseYear: spec.base_year,
    ...(subject ? { subject: typeof subject === 'string' ? [subject] : subject } : {}),
    ...((spec.measure ?? p.inherited.measure) ? { measure: spec.measure ?? p.inherited.measure } : {}),
    ...((spec.share_of ?? p.inherited.share_of) ? { shareOf: spec.share_of ?? p.inherited.share_of } : {}),
    ...((spec.known_issue ?? p.inherited.known_issue) ? { knownIssue: spec.known_issue ?? p.inherited.known_issue } : {}),
    derived: { kind, of: ops.map((o) => o.path) },
    pos: p.pos,
    at: p.at,
  };
}

/** What a computed figure is when it does not say: a growth is a growth, a ratio a multiple, a difference of % figures a percentage-point change, a sum what its parts are. */
function defaultKind(kind: string, ops: Datum[]): Datum['figureKind'] | undefined {
  if (kind === 'growth') return 'growth';
  if (kind === 'ratio') return 'multiple';
  if (kind === 'difference' && ops.every((o) => o.unit === '%')) return 'pp';
  if (kind === 'difference' && ops[0].unit === '%' && ops[1]?.unit === '个百分点') return ops[0].figureKind;
  const kinds = new Set(ops.map((o) => o.figureKind));
  return kind === 'sum' && kinds.size === 1 ? [...kinds][0] : undefined;
}

const show = (d: Datum, vocab: Vocabulary) => `"${d.path}" (${formatQuantity(d, d.unit, d.decimals, vocab.range)})`;

/** Removes binary floating-point noise (35.2+20.8+… = 82.30000000000001). */
export function roundTo(v: number, digits: number): number {
  return Number.isFinite(v) ? Number(v.toFixed(digits)) : v;
}
