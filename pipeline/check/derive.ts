/** Derived figures (CR5, changes, growth, ratios): computed from their operands, never typed twice. */
import { diag, type Diagnostic, type Position } from '../core/errors.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';
import type { z } from 'zod';
import type { DerivedSchema } from './data-schemas.ts';

export interface PendingDerived {
  path: string;
  spec: z.infer<typeof DerivedSchema>;
  inherited: { label?: string; unit?: string; year?: number | string; source?: string; decimals?: number; note?: string };
  pos: Position;
  ofPos: Position;
}

/** `unavailable(path)`: the operand failed to load (already reported), so it is not reported again as unknown. */
export function resolveDerived(pending: PendingDerived[], nodes: Map<string, DataNode>, unavailable: (path: string) => boolean = () => false): Diagnostic[] {
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
    const operandPaths = expandOperands(p, nodes, byPath);
    const operands: Datum[] = [];
    let ok = true;
    for (const op of operandPaths) {
      const dep = byPath.get(op);
      if (dep && !visit(dep, [...stack, p.path])) ok = false;
      const node = nodes.get(op);
      if (!isDatum(node)) {
        if (!dep && !unavailable(op)) out.push(diag('DERIVE_UNKNOWN_PATH', { path: op }, { ...p.ofPos, dataPath: p.path }));
        ok = false;
      } else operands.push(node);
    }
    if (ok) {
      const result = compute(p, operands, out);
      if (result) nodes.set(p.path, result);
      else ok = false;
    }
    state.set(p.path, ok ? 'done' : 'failed');
    return ok;
  };
  for (const p of pending) visit(p, []);
  return out;
}

function expandOperands(p: PendingDerived, nodes: Map<string, DataNode>, byPath: Map<string, PendingDerived>): string[] {
  const of = p.spec.of;
  if (typeof of === 'string') {
    const g = nodes.get(of);
    if (g?.kind === 'group') return g.keys.map((k) => `${of}.${k}`);
    return [of];
  }
  void byPath;
  return of;
}

function compute(p: PendingDerived, ops: Datum[], out: Diagnostic[]): Datum | undefined {
  const kind = p.spec.derive;
  const bad = (detail: string, hint?: string) => (out.push(diag('DERIVE_BAD_OPERANDS', { kind, detail, hint }, { ...p.ofPos, dataPath: p.path })), undefined);
  const units = [...new Set(ops.map((o) => o.unit))];
  let value: number;
  let unit: string;
  let decimals = Math.max(...ops.map((o) => o.decimals));
  if (kind === 'sum') {
    if (units.length > 1) return bad(`operands have different units (${units.join(', ')})`, 'Sum figures of one unit only.');
    value = ops.reduce((s, o) => s + o.value, 0);
    unit = units[0];
  } else {
    if (ops.length !== 2) return bad(`needs exactly two operands [a, b], got ${ops.length}`);
    const [a, b] = ops;
    if (a.unit !== b.unit) return bad(`operands have different units (${a.unit}, ${b.unit})`);
    if (kind === 'difference') {
      value = a.value - b.value;
      unit = a.unit === '%' ? '个百分点' : a.unit;
    } else {
      if (b.value === 0) return bad('the second operand is zero');
      value = kind === 'growth' ? (a.value / b.value - 1) * 100 : a.value / b.value;
      unit = kind === 'growth' ? '%' : '倍';
      decimals = 1;
    }
  }
  const spec = p.spec;
  const label = spec.label ?? p.inherited.label;
  if (!label) return bad('it has no label', 'Add `label:` to say what the figure is.');
  return {
    kind: 'datum',
    path: p.path,
    value: roundTo(value, 10),
    unit: spec.unit ?? unit,
    year: spec.year ?? ops[0].year,
    source: spec.source ?? [...new Set(ops.map((o) => o.source))].join('、'),
    label,
    decimals: spec.decimals ?? decimals,
    note: spec.note,
    baseYear: spec.base_year,
    derived: { kind, of: ops.map((o) => o.path) },
    pos: p.pos,
  };
}

/** Removes binary floating-point noise (35.2+20.8+… = 82.30000000000001). */
export function roundTo(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
