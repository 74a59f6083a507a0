/**
 * Value axes of the chart forms: a domain that ends on a round tick just past the data (never at
 * it, never far beyond), and tick labels printed by the prose's formatter (model/format.ts), so a
 * number looks the same on an axis as in the text.
 */
import { formatNumber } from '../model/format.ts';

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
  /** a Vega expression giving each tick's label as format.ts prints it */
  labelExpr: string;
  /** the last tick's label, as printed */
  last: string;
}

const niceSteps = [1, 2, 2.5, 5, 10];

/** About `count` intervals of 1, 2, 2.5 or 5 × 10ⁿ from 0 to a tick past `max`. */
export function valueAxis(max: number, count = 4): ValueAxis {
  const top = max > 0 ? max : 1;
  const raw = top / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = niceSteps.map((s) => s * pow).find((s) => s >= raw)!;
  // just past the data: a maximum on a tick gets one more, so no mark touches the frame
  let end = Math.ceil(top / step - 1e-9) * step;
  if (end - top < step * 0.05) end += step;
  const ticks: number[] = [];
  for (let t = 0; t <= end + step * 1e-6; t += step) ticks.push(Number(t.toFixed(6)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / pow === 2.5 ? 1 : 0));
  const labels = Object.fromEntries(ticks.map((t) => [String(t), formatNumber(t, decimals)]));
  return { domain: [0, end], ticks, labelExpr: `${JSON.stringify(labels)}[datum.value + ''] || ''`, last: labels[String(ticks[ticks.length - 1])] };
}

/**
 * A bar chart that labels every bar drops its value axis (the labels carry the numbers); its
 * domain leaves room after the longest bar for that bar's label, measured in the real font.
 */
export function labelledDomain(ends: { end: number; labelPx: number }[], plotPx: number): [number, number] {
  let d = Math.max(...ends.map((e) => e.end), 1e-9);
  // the end of every bar plus its label must fit: end/d·plot + label ≤ plot
  for (const e of ends) d = Math.max(d, (e.end * plotPx) / Math.max(plotPx - e.labelPx, plotPx * 0.3));
  return [0, d];
}
