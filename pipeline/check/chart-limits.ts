/**
 * How much work a chart spec may ask of Vega (issue 21): the parameters that make rows, steps, bins,
 * ticks or arrays from a number in the spec are bounded, and checked before anything is drawn, so a
 * spec cannot exhaust memory (a `density` with 2×10^8 steps ran for minutes and took the machine's
 * memory). A report's chart needs far less than each bound.
 *
 * What each Vega-Lite transform can make, and what bounds it:
 * - rows from a number: density (steps, minsteps, maxsteps), impute (keyvals as a sequence),
 *   quantile (step: 1/step rows) — bounded here;
 * - rows from data: a chart's only data is the rows bound under `data:` (check-specs.ts refuses
 *   `data`, `datasets` and a lookup's `from.data` inside `spec:`), so flatten, fold, pivot, lookup
 *   and joinaggregate work on those few rows — except over an array an expression makes, so the
 *   expression functions that make arrays or long strings from a number (sequence, pad) are refused;
 * - bins and ticks: maxbins; a bin `step` only with an `extent` that gives at most maxbins bins;
 *   tickCount; a regression's polynomial `order`;
 * - time, not memory: window frames, loess, regression and density per group, impute over many
 *   groups: combinations no single bound sees. Drawing a chart has a time budget for those
 *   (core/work-budget.ts, CHART_TOO_SLOW).
 */

/** Bounds of the numeric parameters that set how many rows, steps, bins or ticks a transform or axis makes. */
export const chartLimits = { steps: 1000, minsteps: 1000, maxsteps: 1000, maxbins: 200, sequence: 10_000, tickCount: 100, order: 10, quantiles: 1000 } as const;

/** Plain numeric bounds: the key's value must be a number at most the bound. */
const numericKeys = ['steps', 'minsteps', 'maxsteps', 'maxbins'] as const;

/** Expression functions that make an array or a string as long as a number says. */
const allocatingFunction = /\b(sequence|pad)\s*\(/;

/** What is over a bound in `value` under `key` of `parent` (an object of a spec), or undefined. */
export function overLimit(key: string, value: unknown, parent: Record<string, unknown> = {}): string | undefined {
  if ((numericKeys as readonly string[]).includes(key)) {
    const max = chartLimits[key as (typeof numericKeys)[number]];
    if (typeof value !== 'number' || !Number.isFinite(value) || value > max) return `\`${key}: ${String(value)}\` (at most ${max})`;
  }
  // an axis's or scale's tick count (a time interval instead of a number is drawn from the few rows' extent)
  if (key === 'tickCount' && typeof value === 'number' && !(value <= chartLimits.tickCount)) return `\`tickCount: ${value}\` (at most ${chartLimits.tickCount})`;
  // a regression's polynomial order: its matrices grow with the order's square
  if (key === 'order' && typeof value === 'number' && !(value <= chartLimits.order)) return `\`order: ${value}\` (at most ${chartLimits.order})`;
  // a quantile transform makes 1/step rows
  if (key === 'step' && 'quantile' in parent && (typeof value !== 'number' || !(1 / value <= chartLimits.quantiles))) return `a quantile's \`step: ${String(value)}\` (at least ${1 / chartLimits.quantiles})`;
  // a bin of a given step makes (extent) / step bins, and an axis tick at each
  if (key === 'bin' && value && typeof value === 'object' && 'step' in value) {
    const { step, extent } = value as { step?: unknown; extent?: unknown };
    const span = Array.isArray(extent) && extent.length === 2 && extent.every((x) => typeof x === 'number') ? Math.abs(extent[1] - extent[0]) : undefined;
    if (span === undefined) return 'a bin `step:` without a numeric `extent:` (the number of bins cannot be known)';
    const bins = typeof step === 'number' && step > 0 ? span / step : Infinity;
    if (!(bins <= chartLimits.maxbins)) return `a bin \`step:\` of ${String(step)} over an extent of ${span}: ${bins} bins (at most ${chartLimits.maxbins})`;
  }
  if (typeof value === 'string' && allocatingFunction.test(value)) return `the expression function \`${allocatingFunction.exec(value)![1]}()\` (it makes an array or text as long as a number says)`;
  // a sequence (or an impute's keyvals) makes (stop − start) / step rows
  if ((key === 'sequence' || key === 'keyvals') && value && typeof value === 'object' && !Array.isArray(value)) {
    const { start = 0, stop, step = 1 } = value as { start?: unknown; stop?: unknown; step?: unknown };
    if (typeof start !== 'number' || typeof stop !== 'number' || typeof step !== 'number' || step === 0) return `\`${key}:\` without numeric start, stop and a step other than 0`;
    const rows = Math.abs((stop - start) / step);
    if (!(rows <= chartLimits.sequence)) return `\`${key}:\` of ${rows} rows (at most ${chartLimits.sequence})`;
  }
  return undefined;
}
