/**
 * The report's consistency, declared in the data where the figures are (README "Links between
 * figures"), checked within rounding: every figure stands for the values its printed digits allow
 * (15.3 for 15.25–15.35), widened by a declared `tolerance:` (in % of the figure compared with).
 *
 *   share_of + part:    a share of a whole taken by a part: part ÷ share must give the whole;
 *   change_of:          a growth rate or 个百分点 change agrees with the two values it connects
 *                       (changes are stored as positive numbers, the label says the direction, so a
 *                       fall agrees with a stated 18% as a rise would);
 *   sum_to (a group):   its items add up to the total;
 *   parts_of_one_whole: its items are shares that do not overlap, so at most 100 % together;
 *   subject + measure:  two data of one subject, measure and period are one figure: they must agree.
 */
import { closest } from '../core/did-you-mean.ts';
import { diag, type Diagnostic, type Where } from '../core/errors.ts';
import { isDatum, type DataNode, type Datum, type Group } from '../model/data-model.ts';
import { formatNumber, formatQuantity } from '../model/format.ts';
import { boundsOf, differenceOf, growthOf, overlaps, quantityOf, ratioOf, sumOf, widened, withRounding, type Bounds } from '../model/qualifiers.ts';
import { convertible } from '../model/units.ts';
import type { Vocabulary } from '../model/vocabulary.ts';

/** `unavailable(path)`: a datum that failed to load (reported there): a link to it is not reported again. */
export function checkLinks(nodes: Map<string, DataNode>, vocab: Vocabulary, unavailable: (path: string) => boolean = () => false): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = [...nodes.keys()];
  const shown = (d: Datum) => formatQuantity(d, d.unit, d.decimals, vocab.range);
  /** the datum a link names, or an error at the link */
  const target = (path: string, field: string, where: Where): Datum | undefined => {
    const n = nodes.get(path);
    if (isDatum(n)) return n;
    if (n) out.push(diag('LINK_MISMATCH', { field, detail: `"${path}" is a ${n.kind}, not a figure` }, where));
    else if (!unavailable(path)) out.push(diag('LINK_UNKNOWN_PATH', { field, path, suggestion: closest(path, paths) }, where));
    return undefined;
  };
  const rounded = (d: Datum) => withRounding(boundsOf(d), d.decimals);

  for (const d of [...nodes.values()].filter(isDatum)) {
    const at = (field: string): Where => ({ ...(d.at[field] ?? d.pos), dataPath: d.path });
    if (d.part !== undefined && d.shareOf === undefined) out.push(diag('LINK_MISMATCH', { field: 'part', detail: 'a part needs the whole it is a share of (share_of:)' }, at('part')));
    if (d.shareOf !== undefined) {
      const whole = target(d.shareOf, 'share_of', at('share_of'));
      if (d.figureKind !== 'share') out.push(diag('LINK_MISMATCH', { field: 'share_of', detail: `only a share (kind: share) is a share of a whole; "${d.path}" is a ${d.figureKind}` }, at('share_of')));
      else if (whole && d.part !== undefined) {
        const part = target(d.part, 'part', at('part'));
        if (part) out.push(...impliedWhole(d, part, whole, vocab, at('part')));
      }
    }
    if (d.changeOf !== undefined) {
      const [from, to] = d.changeOf.map((p) => target(p, 'change_of', at('change_of')));
      if (from && to) out.push(...statedChange(d, from, to, vocab, { ...d.pos, dataPath: d.path }));
    }
  }
  for (const g of [...nodes.values()].filter((n): n is Group => n.kind === 'group')) {
    const items = g.keys.map((k) => nodes.get(`${g.path}.${k}`)).filter(isDatum);
    const at = (field: string): Where => ({ ...(g.at[field] ?? g.pos), dataPath: g.path });
    if (g.sumTo !== undefined) {
      const total = target(g.sumTo, 'sum_to', at('sum_to'));
      const units = new Set(items.map((i) => i.unit));
      if (total && (units.size !== 1 || !units.has(total.unit))) out.push(diag('LINK_MISMATCH', { field: 'sum_to', detail: `the items (${[...units].join(', ')}) and the total (${total.unit}) are not in one unit` }, at('sum_to')));
      else if (total) {
        const sum = sumOf(items.map(rounded));
        const allowed = widened(rounded(total), (g.tolerance ?? 0) / 100);
        if (!overlaps(sum, allowed)) {
          const decimals = Math.max(total.decimals, ...items.map((i) => i.decimals));
          const summed = quantityOf(sumOf(items.map(boundsOf)), vocab.computed);
          out.push(diag('RULE_SUM', { sum: summed ? formatQuantity(summed, total.unit, decimals, vocab.range) : '?', total: shown(total), group: g.path, totalPath: total.path, tolerance: g.tolerance ? `rounding and ${g.tolerance}%` : 'rounding' }, at('sum_to')));
        }
      }
    }
    if (g.partsOfOneWhole) {
      const notShares = items.filter((i) => i.figureKind !== 'share');
      if (notShares.length) out.push(diag('LINK_MISMATCH', { field: 'parts_of_one_whole', detail: `its items must be shares; ${notShares.map((i) => `"${i.path}" is a ${i.figureKind}`).join(', ')}` }, at('parts_of_one_whole')));
      else {
        const sum = sumOf(items.map(rounded));
        if (sum.low > 100 + 1e-9) {
          const decimals = Math.max(0, ...items.map((i) => i.decimals));
          out.push(diag('RULE_SHARE_TOTAL', { sum: formatNumber(items.reduce((s, i) => s + boundsOf(i).low, 0), decimals), group: g.path }, at('parts_of_one_whole')));
        }
      }
    }
    if (g.multipleChoice) {
      // its chart's note says the answers overlap and add up to over 100 %: only true of shares that do
      const notShares = items.filter((i) => i.figureKind !== 'share');
      const sum = sumOf(items.map(rounded));
      if (g.partsOfOneWhole) out.push(diag('LINK_MISMATCH', { field: 'multiple_choice', detail: 'answers of a multiple-answer question overlap, so they cannot also be parts_of_one_whole: keep one of the two' }, at('multiple_choice')));
      else if (notShares.length) out.push(diag('LINK_MISMATCH', { field: 'multiple_choice', detail: `its items must be shares; ${notShares.map((i) => `"${i.path}" is a ${i.figureKind}`).join(', ')}` }, at('multiple_choice')));
      else if (sum.high <= 100 + 1e-9) out.push(diag('LINK_MISMATCH', { field: 'multiple_choice', detail: `its items add up to ${formatNumber(items.reduce((s, i) => s + boundsOf(i).low, 0), Math.max(0, ...items.map((i) => i.decimals)))}%, not over 100%: a multiple-answer note ("over 100% in all") would be wrong; drop the flag or check the figures` }, at('multiple_choice')));
    }
  }
  out.push(...contradictions([...nodes.values()].filter(isDatum), vocab));
  return out;
}

/** A share of a whole taken by a part: part ÷ (share ÷ 100) must give the whole. */
function impliedWhole(share: Datum, part: Datum, whole: Datum, vocab: Vocabulary, where: Where): Diagnostic[] {
  if (part.unit !== whole.unit && !convertible(vocab.units, part.unit, whole.unit)) return [diag('LINK_MISMATCH', { field: 'part', detail: `the part (${part.unit}) and the whole (${whole.unit}) are not in one unit` }, where)];
  const toWhole = part.unit === whole.unit ? 1 : convertFactor(vocab, part.unit, whole.unit);
  const p = scaleBounds(withRounding(boundsOf(part), part.decimals), toWhole);
  const s = withRounding(boundsOf(share), share.decimals);
  const implied = ratioOf(p, { low: s.low / 100, high: s.high / 100, about: s.about });
  if (!implied) return [];
  const allowed = widened(withRounding(boundsOf(whole), whole.decimals), (share.tolerance ?? 0) / 100);
  if (overlaps(implied, allowed)) return [];
  const exact = ratioOf(scaleBounds(boundsOf(part), toWhole), { ...boundsOf(share), low: boundsOf(share).low / 100, high: boundsOf(share).high / 100 });
  const q = exact && quantityOf(exact, vocab.computed);
  const fmt = (d: Datum) => formatQuantity(d, d.unit, d.decimals, vocab.range);
  return [
    diag(
      'RULE_IMPLIED_WHOLE',
      { share: fmt(share), part: `"${part.label}" (${fmt(part)})`, implied: q ? formatQuantity(q, whole.unit, Math.max(whole.decimals, 1), vocab.range) : '?', whole: `${fmt(whole)} (${whole.year})`, wholePath: `"${whole.path}"`, tolerance: share.tolerance ? ` and ${share.tolerance}%` : '' },
      where,
    ),
  ];
}

/** A stated growth rate or 个百分点 change against the two values it connects. */
function statedChange(d: Datum, from: Datum, to: Datum, vocab: Vocabulary, where: Where): Diagnostic[] {
  const fmt = (x: Datum) => formatQuantity(x, x.unit, x.decimals, vocab.range);
  if (d.figureKind !== 'growth' && d.figureKind !== 'pp') return [diag('LINK_MISMATCH', { field: 'change_of', detail: `only a growth rate (kind: growth) or a percentage-point change (kind: pp) connects two values; "${d.path}" is a ${d.figureKind}` }, where)];
  if (from.unit !== to.unit) return [diag('LINK_MISMATCH', { field: 'change_of', detail: `"${from.path}" (${from.unit}) and "${to.path}" (${to.unit}) are not in one unit` }, where)];
  if (d.figureKind === 'pp' && from.unit !== '%') return [diag('LINK_MISMATCH', { field: 'change_of', detail: `a percentage-point change connects two % figures, not ${from.unit}` }, where)];
  const change = (a: Bounds, b: Bounds) => (d.figureKind === 'growth' ? growthOf(b, a) : differenceOf(b, a));
  const computed = change(withRounding(boundsOf(from), from.decimals), withRounding(boundsOf(to), to.decimals));
  if (!computed) return [];
  const stated = widened(withRounding(boundsOf(d), d.decimals), (d.tolerance ?? 0) / 100);
  const fall: Bounds = { low: -computed.high, high: -computed.low, about: computed.about };
  if (overlaps(computed, stated) || overlaps(fall, stated)) return [];
  const exact = change(boundsOf(from), boundsOf(to));
  const q = exact && quantityOf(exact, vocab.computed);
  return [diag('RULE_GROWTH', { declared: fmt(d), computed: `${fmt(from)} → ${fmt(to)} is ${q ? formatQuantity(q, d.unit, 1, vocab.range) : '?'}` }, where)];
}

/** Two data of one subject, measure and period that cannot both be true. */
function contradictions(data: Datum[], vocab: Vocabulary): Diagnostic[] {
  const out: Diagnostic[] = [];
  const measured = data.filter((d) => d.subject && d.measure);
  for (const [i, b] of measured.entries()) {
    for (const a of measured.slice(0, i)) {
      if (a.subject![0] !== b.subject![0] || a.measure !== b.measure || !samePeriod(a.year, b.year)) continue;
      if (a.unit !== b.unit && !convertible(vocab.units, a.unit, b.unit)) continue;
      const factor = a.unit === b.unit ? 1 : convertFactor(vocab, a.unit, b.unit);
      if (overlaps(scaleBounds(withRounding(boundsOf(a), a.decimals), factor), withRounding(boundsOf(b), b.decimals))) continue;
      const fmt = (x: Datum) => formatQuantity(x, x.unit, x.decimals, vocab.range);
      out.push(diag('RULE_CONTRADICTION', { value: fmt(b), other: a.path, otherValue: fmt(a), what: `${b.subject![0]}, ${b.measure}, ${a.year === b.year ? b.year : `${a.year} and ${b.year}`}` }, { ...b.pos, dataPath: b.path }));
    }
  }
  return out;
}

/** One period: the same year or period, or a year and a period within it (2024 and 2024-03). */
function samePeriod(a: number | string, b: number | string): boolean {
  const [x, y] = [String(a), String(b)];
  if (x === y) return true;
  const wholeYear = (s: string) => /^\d{4}$/.test(s);
  const within = (period: string, year: string) => /^\d{4}(?:H[12]|Q[1-4]|-\d{2})$/.test(period) && period.startsWith(year);
  return (wholeYear(x) && within(y, x)) || (wholeYear(y) && within(x, y));
}

function convertFactor(vocab: Vocabulary, from: string, to: string): number {
  const f = (u: string) => vocab.units.dimensionOf(u)!.scale![u];
  return f(from) / f(to);
}

const scaleBounds = (b: Bounds, k: number): Bounds => ({ low: b.low * k, high: b.high * k, about: b.about });
