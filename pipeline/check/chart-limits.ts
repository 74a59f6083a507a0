/**
 * How much work a chart spec may ask of Vega (issue 21): the transforms that make rows or bins
 * from a number in the spec are bounded, and checked before anything is drawn, so a spec cannot
 * exhaust memory (a `density` with 2×10^8 steps ran for minutes and took the machine's memory).
 * A report's chart needs far less than each bound.
 */

/** Bounds of the numeric parameters that set how many rows, steps or bins a transform makes. */
export const chartLimits = { steps: 1000, minsteps: 1000, maxsteps: 1000, maxbins: 200, sequence: 10_000 } as const;

/** What is over a bound in `value` under `key` (an object of a spec), or undefined. */
export function overLimit(key: string, value: unknown): string | undefined {
  if (key in chartLimits && key !== 'sequence') {
    const max = chartLimits[key as keyof typeof chartLimits];
    if (typeof value !== 'number' || !Number.isFinite(value) || value > max) return `\`${key}: ${String(value)}\` (at most ${max})`;
  }
  // a sequence (or an impute's keyvals) makes (stop − start) / step rows
  if ((key === 'sequence' || key === 'keyvals') && value && typeof value === 'object' && !Array.isArray(value)) {
    const { start = 0, stop, step = 1 } = value as { start?: unknown; stop?: unknown; step?: unknown };
    if (typeof start !== 'number' || typeof stop !== 'number' || typeof step !== 'number' || step === 0) return `\`${key}:\` without numeric start, stop and a step other than 0`;
    const rows = Math.abs((stop - start) / step);
    if (!(rows <= chartLimits.sequence)) return `\`${key}:\` of ${rows} rows (at most ${chartLimits.sequence})`;
  }
  return undefined;
}
