/**
 * Runs a stage, logs one line with its duration, and remembers it for the manifest and the bench.
 * A stage run more than once (each edition renders its charts) is remembered as the sum of its runs.
 */
import type { Effects } from './effects.ts';

export class StageTimer {
  readonly timings: Record<string, number> = {};
  constructor(private readonly fx: Pick<Effects, 'clock' | 'log'>, private readonly signal?: AbortSignal) {}

  async run<T>(name: string, work: () => T | Promise<T>): Promise<T> {
    this.signal?.throwIfAborted();
    const start = this.fx.clock();
    const result = await work();
    const ms = this.fx.clock() - start;
    this.timings[name] = (this.timings[name] ?? 0) + Math.round(ms);
    this.fx.log(`  ${name.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms`);
    return result;
  }
}
