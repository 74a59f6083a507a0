/**
 * Cross-field consistency rules, declared next to the schemas. Generic rules hold for every
 * file; `declaredRules` names the figures that must agree with each other in this report.
 */
import { diag, type Diagnostic } from './errors.ts';
import { formatNumber } from './format.ts';
import { isDatum, type DataNode, type Datum } from './model.ts';

type Rule =
  | { kind: 'share'; group: string } // every item within 0–100 %
  | { kind: 'sum'; group: string; total: string; tolerance?: number } // parts add up to a total
  | { kind: 'growth'; newer: string; older: string; rate: string; tolerance?: number; atLeast?: boolean } // a declared rate agrees with its values
  | { kind: 'measures'; a: string; b: string; rate?: string }; // two measures of one quantity: warn if they look inconsistent

/** The report's own cross-field rules. Paths that do not exist (e.g. in a small fixture) only warn. */
export const declaredRules: Rule[] = [];

export function checkRules(nodes: Map<string, DataNode>, rules: Rule[] = declaredRules): Diagnostic[] {
  const out: Diagnostic[] = [];
  const datums = [...nodes.values()].filter(isDatum);
  for (const d of datums) {
    if ((d.unit === '%' || d.unit === '个百分点') && Math.abs(d.value) > 1000) {
      out.push(diag('RULE_RANGE', { what: d.label, range: '−1000 to 1000', value: d.value }, { ...d.pos, dataPath: d.path }));
    }
    if (d.baseYear !== undefined && yearNumber(d.year) <= yearNumber(d.baseYear)) {
      out.push(diag('RULE_FORECAST_YEAR', { year: String(d.year), base: String(d.baseYear) }, { ...d.pos, dataPath: d.path }));
    }
  }
  for (const node of nodes.values()) {
    if (node.kind !== 'group') continue;
    const items = node.keys.map((k) => nodes.get(`${node.path}.${k}`)).filter(isDatum);
    const years = items.map((i) => i.year);
    const isSeries = items.length > 1 && items.length === node.keys.length && years.every((y) => typeof y === 'number') && new Set(years).size === years.length && new Set(items.map((i) => i.unit)).size === 1;
    if (isSeries && years.some((y, i) => i > 0 && (y as number) < (years[i - 1] as number))) {
      out.push(diag('RULE_YEARS_ORDER', { years: years.join(', ') }, { ...node.pos, dataPath: node.path }));
    }
  }
  for (const rule of rules) out.push(...checkDeclared(rule, nodes));
  return out;
}

function checkDeclared(rule: Rule, nodes: Map<string, DataNode>): Diagnostic[] {
  const get = (p: string): Datum | undefined => (isDatum(nodes.get(p)) ? (nodes.get(p) as Datum) : undefined);
  const membersOf = (g: string): Datum[] => {
    const group = nodes.get(g);
    return group?.kind === 'group' ? group.keys.map((k) => get(`${g}.${k}`)).filter((d): d is Datum => !!d) : [];
  };
  const missing = (paths: string[]) => paths.filter((p) => !nodes.has(p));
  const warnMissing = (paths: string[]) =>
    missing(paths).map((p) => diag('RULE_MEASURES', { detail: `consistency rule refers to missing path "${p}"` }, { file: 'pipeline/rules.ts', dataPath: p }, 'warning'));

  switch (rule.kind) {
    case 'share': {
      if (missing([rule.group]).length) return warnMissing([rule.group]);
      return membersOf(rule.group)
        .filter((d) => d.value < 0 || d.value > 100)
        .map((d) => diag('RULE_RANGE', { what: `share "${d.label}"`, range: '0–100 %', value: d.value }, { ...d.pos, dataPath: d.path }));
    }
    case 'sum': {
      if (missing([rule.group, rule.total]).length) return warnMissing([rule.group, rule.total]);
      const parts = membersOf(rule.group);
      const total = get(rule.total)!;
      const tolerance = rule.tolerance ?? 0.5 * 10 ** -total.decimals * Math.max(1, parts.length);
      const sum = parts.reduce((s, d) => s + d.value, 0);
      if (Math.abs(sum - total.value) <= tolerance + 1e-9) return [];
      return [diag('RULE_SUM', { sum: formatNumber(sum, total.decimals), total: formatNumber(total.value, total.decimals), group: rule.group, totalPath: rule.total, tolerance: String(tolerance) }, { ...total.pos, dataPath: total.path })];
    }
    case 'growth': {
      if (missing([rule.newer, rule.older, rule.rate]).length) return warnMissing([rule.newer, rule.older, rule.rate]);
      const [n, o, r] = [get(rule.newer)!, get(rule.older)!, get(rule.rate)!];
      const computed = (n.value / o.value - 1) * 100;
      const ok = rule.atLeast ? computed >= r.value - (rule.tolerance ?? 0.5) : Math.abs(computed - r.value) <= (rule.tolerance ?? 0.5);
      if (ok) return [];
      return [diag('RULE_GROWTH', { declared: `${formatNumber(r.value, r.decimals)}%`, computed: `${formatNumber(o.value, o.decimals)} → ${formatNumber(n.value, n.decimals)} is ${formatNumber(computed, 1)}%` }, { ...r.pos, dataPath: r.path })];
    }
    case 'measures': {
      const paths = [rule.a, rule.b, ...(rule.rate ? [rule.rate] : [])];
      if (missing(paths).length) return warnMissing(paths);
      const [a, b] = [get(rule.a)!, get(rule.b)!];
      const implied = (b.value / a.value - 1) * 100;
      const rate = rule.rate ? get(rule.rate)! : undefined;
      const detail = `"${a.label}" (${a.year}, ${a.source}) and "${b.label}" (${b.year}, ${b.source}) are different measures: ${formatNumber(a.value, a.decimals)}${a.unit} → ${formatNumber(b.value, b.decimals)}${b.unit} implies ${formatNumber(implied, 1)}%${rate ? `, while the stated growth is ${formatNumber(rate.value, rate.decimals)}%` : ''}`;
      if (rate && Math.abs(implied - rate.value) <= 0.5) return [];
      return [diag('RULE_MEASURES', { detail }, { ...b.pos, dataPath: b.path })];
    }
  }
}

function yearNumber(y: number | string): number {
  return typeof y === 'number' ? y : Number(String(y).slice(0, 4));
}

export type { Rule };
