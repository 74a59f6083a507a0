/**
 * Cross-field consistency rules, declared next to the schemas. Generic rules hold for every
 * file; `declaredRules` names the figures of this report that must agree with each other.
 *
 * Generic (every data set):
 *   - a figure in % or 个百分点 lies within ±1000 (a typo, or a value in the wrong unit);
 *   - a forecast (`base_year`) is for a year after its base year;
 *   - a series (a group of datums with distinct numeric years and one unit) is in ascending years.
 *
 * Declared (this report), one of:
 *   - share:    every item within 0–100 %; with `whole: true` they are parts of one whole and
 *               may not add up to more than 100 % beyond what rounding explains (fewer than half a
 *               unit of the last decimal per part): an error, or a warning where the source says so;
 *   - sum:      parts add up to a total within rounding (half a unit of the total's last
 *               decimal per part);
 *   - growth:   a declared rate agrees with its two values (a warning: sources round and mix);
 *               `atLeast` for rates stated as a floor ("超40%");
 *   - measures: two different measures of one quantity (e.g. 国家统计局 vs 艾瑞咨询): a warning
 *               that names both, unless a stated rate happens to agree with them.
 * A declared rule applies when its figures exist. When none of its main figures exists (the small
 * test fixture, a report without that topic) it does not apply; when only some do, a figure was
 * renamed or removed and the rule warns (RULE_STALE), so a rule never silently stops checking.
 */
import { diag, type Diagnostic, type Severity } from '../core/errors.ts';
import { formatNumber } from '../model/format.ts';
import { isDatum, type DataNode, type Datum } from '../model/data-model.ts';

type Rule =
  | { kind: 'share'; of: string | string[]; whole?: boolean; severity?: Severity; why?: string }
  | { kind: 'sum'; parts: string | string[]; field?: string; total: string; tolerance?: number; why?: string }
  | { kind: 'growth'; newer: string; older: string; rate: string; tolerance?: number; atLeast?: boolean; why?: string }
  | { kind: 'measures'; a: string; b: string; rate?: string; why?: string };

/** The report's own cross-field rules (paths as in data/*.yaml). */
export const declaredRules: Rule[] = [
  // 2.2.1 market shares of the five platforms: each 0–100 %, together at most 100 %, CR5 their sum
  { kind: 'share', of: 'platforms.share_2024', whole: true },
  { kind: 'sum', parts: 'platforms.share_2024', total: 'platforms.cr5_2024', why: 'CR5 is derived from the five shares.' },
  // 2.5.2 revenue structure of the head platforms: parts of one revenue, 广告 + 佣金 = 75 %
  { kind: 'share', of: 'users.revenue_mix_2024', whole: true },
  { kind: 'sum', parts: 'users.revenue_mix_2024', total: 'users.ad_commission_share_2024' },
  // 2.4.1 survey answers (several channels per user): each within 0–100 %, not parts of a whole
  { kind: 'share', of: 'users.discovery_channels_2024' },
  // single shares and rates that are proportions of a whole
  { kind: 'share', of: ['market.penetration_2024', 'market.social_commerce.share_2024', 'market.online_shoppers.usage_rate', 'forecast.share_2025', 'outlook.structure.big3_share_2025'] },
  { kind: 'share', of: 'forecast.indicators_2025' },
  // 4.4.1 the market by type of cooperation adds up to the 2025 total (derived, so true by construction; declared so a typed total could not drift)
  { kind: 'sum', parts: 'forecast.by_type_2025', field: 'size', total: 'forecast.size_2025' },
  // 4.5 shares by type of cooperation: 35 % + 66 % > 100 % in the source, quoted as is (see data/forecast.yaml)
  { kind: 'share', of: 'forecast.type_share_2025', whole: true, severity: 'warning', why: 'The source gives 35% and 66% (different bases); quoted as is, so this stays a warning.' },
  // 4.2.x medical market 3800 → 5600 亿元 with a stated growth of "超40%": a floor
  { kind: 'growth', newer: 'ecosystem.medical.market_2025', older: 'ecosystem.medical.market_2024', rate: 'ecosystem.medical.growth_2025', atLeast: true },
  // 1.1.1 / 2.1.1 网上零售额 (国家统计局, 2023) vs 电商市场规模 (艾瑞咨询, 2024): two measures, not a series
  { kind: 'measures', a: 'market.online_retail.size_2023', b: 'market.size_2024', rate: 'market.growth_2024', why: 'The report quotes both measures side by side.' },
];

export function checkRules(nodes: Map<string, DataNode>, rules: Rule[] = declaredRules): Diagnostic[] {
  const out: Diagnostic[] = [];
  const datums = [...nodes.values()].filter(isDatum);
  for (const d of datums) {
    if ((d.unit === '%' || d.unit === '个百分点') && Math.abs(d.value) > 1000) {
      out.push(diag('RULE_RANGE', { what: `"${d.label}"`, range: '−1000 to 1000', value: formatNumber(d.value, d.decimals) + d.unit }, { ...d.pos, dataPath: d.path }));
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
    const wrong = isSeries ? items.findIndex((d, i) => i > 0 && (d.year as number) < (items[i - 1].year as number)) : -1;
    if (wrong > 0) out.push(diag('RULE_YEARS_ORDER', { years: years.join(', ') }, { ...items[wrong].pos, dataPath: node.path }));
  }
  for (const rule of rules) out.push(...checkDeclared(rule, nodes));
  return out;
}

/** The figures a rule is about (when none exists the rule does not apply), and all it reads. */
function pathsOf(rule: Rule): { main: string[]; all: string[] } {
  switch (rule.kind) {
    case 'share':
      return { main: list(rule.of), all: list(rule.of) };
    case 'sum':
      return { main: [...list(rule.parts), rule.total], all: [...list(rule.parts), rule.total] };
    case 'growth':
      return { main: [rule.newer, rule.older, rule.rate], all: [rule.newer, rule.older, rule.rate] };
    case 'measures':
      return { main: [rule.a, rule.b], all: [rule.a, rule.b, ...(rule.rate ? [rule.rate] : [])] };
  }
}

const list = (p: string | string[]) => (typeof p === 'string' ? [p] : p);
const pct = (v: number, decimals = 1) => formatNumber(v, decimals);

function checkDeclared(rule: Rule, nodes: Map<string, DataNode>): Diagnostic[] {
  const { main, all } = pathsOf(rule);
  const missing = all.filter((p) => !nodes.has(p));
  if (main.every((p) => !nodes.has(p))) return [];
  if (missing.length) return missing.map((p) => diag('RULE_STALE', { rule: rule.kind, path: p }, { dataPath: p }));

  const get = (p: string): Datum | undefined => (isDatum(nodes.get(p)) ? (nodes.get(p) as Datum) : undefined);
  /** a group path → its datum items (or, with `field`, that child of each record item); a datum path → itself */
  const members = (paths: string | string[], field?: string): Datum[] =>
    list(paths).flatMap((p) => {
      const node = nodes.get(p);
      if (node?.kind !== 'group') return get(p) ? [get(p)!] : [];
      return node.keys.map((k) => get(field ? `${p}.${k}.${field}` : `${p}.${k}`)).filter((d): d is Datum => !!d);
    });

  switch (rule.kind) {
    case 'share': {
      const items = members(rule.of);
      const out = items
        .filter((d) => d.value < 0 || d.value > 100)
        .map((d) => diag('RULE_RANGE', { what: `share "${d.label}"`, range: '0–100%', value: formatNumber(d.value, d.decimals) + d.unit }, { ...d.pos, dataPath: d.path }));
      const notPct = items.filter((d) => d.unit !== '%');
      for (const d of notPct) out.push(diag('RULE_RANGE', { what: `share "${d.label}"`, range: '0–100%', value: `a figure in ${d.unit}` }, { ...d.pos, dataPath: d.path }));
      if (rule.whole && !out.length) {
        const sum = items.reduce((s, d) => s + d.value, 0);
        const decimals = Math.max(0, ...items.map((d) => d.decimals));
        // rounding each part moves it by less than half a unit of its last decimal: a sum at or beyond that bound is no rounding
        if (sum >= 100 + 0.5 * 10 ** -decimals * items.length - 1e-9) {
          const group = typeof rule.of === 'string' ? rule.of : rule.of.join(', ');
          const first = nodes.get(list(rule.of)[0])!;
          out.push(diag('RULE_SHARE_TOTAL', { sum: pct(sum, decimals), group, why: rule.why }, { ...first.pos, dataPath: group }, rule.severity));
        }
      }
      return out;
    }
    case 'sum': {
      const parts = members(rule.parts, rule.field);
      const total = get(rule.total);
      if (!total) return [];
      const tolerance = rule.tolerance ?? 0.5 * 10 ** -total.decimals * Math.max(1, parts.length);
      const sum = parts.reduce((s, d) => s + d.value, 0);
      if (Math.abs(sum - total.value) <= tolerance + 1e-9) return [];
      const group = typeof rule.parts === 'string' ? `${rule.parts}${rule.field ? `.*.${rule.field}` : ''}` : rule.parts.join(' + ');
      return [diag('RULE_SUM', { sum: formatNumber(sum, total.decimals) + total.unit, total: formatNumber(total.value, total.decimals) + total.unit, group, totalPath: rule.total, tolerance: formatNumber(tolerance, total.decimals + 1) }, { ...total.pos, dataPath: total.path })];
    }
    case 'growth': {
      const [n, o, r] = [get(rule.newer), get(rule.older), get(rule.rate)];
      if (!n || !o || !r || o.value === 0) return [];
      const computed = (n.value / o.value - 1) * 100;
      const tolerance = rule.tolerance ?? 0.5;
      const ok = rule.atLeast ? computed >= r.value - tolerance : Math.abs(computed - r.value) <= tolerance;
      if (ok) return [];
      return [diag('RULE_GROWTH', { declared: `${rule.atLeast ? 'at least ' : ''}${formatNumber(r.value, r.decimals)}%`, computed: `${formatNumber(o.value, o.decimals)} → ${formatNumber(n.value, n.decimals)}${n.unit} is ${pct(computed)}%` }, { ...r.pos, dataPath: r.path })];
    }
    case 'measures': {
      const [a, b] = [get(rule.a), get(rule.b)];
      if (!a || !b || a.value === 0) return [];
      const implied = (b.value / a.value - 1) * 100;
      const rate = rule.rate ? get(rule.rate) : undefined;
      if (rate && Math.abs(implied - rate.value) <= 0.5) return [];
      const detail = `"${a.label}" (${a.year}, ${a.source}) and "${b.label}" (${b.year}, ${b.source}) are different measures: ${formatNumber(a.value, a.decimals)}${a.unit} → ${formatNumber(b.value, b.decimals)}${b.unit} would be ${pct(implied)}%${rate ? `, while the stated growth is ${formatNumber(rate.value, rate.decimals)}%` : ''}`;
      return [diag('RULE_MEASURES', { detail }, { ...b.pos, dataPath: b.path })];
    }
  }
}

function yearNumber(y: number | string): number {
  return typeof y === 'number' ? y : Number(String(y).slice(0, 4));
}

export type { Rule };
