/**
 * Time budgets for the steps a content file can make expensive (issue 21): drawing one chart and
 * checking the data. Both are synchronous work on the main thread (Vega's dataflow, YAML and the
 * schemas), which no timer can interrupt; Node's `vm` can: a script run with `timeout` has a
 * watchdog thread terminate whatever JavaScript is running when the time is up, the host's
 * functions it calls included. So the work runs as the one call of such a script, and ends when
 * it is done or when its budget is spent, in this process (nothing is left running).
 *
 * The budgets are set by the command line only (`--work-budget`), never by a file of the report:
 * a content pull request cannot raise them.
 */
import { runInNewContext } from 'node:vm';

export interface WorkBudgets {
  /** how long one chart (one view of a chart) may take to compute, ms */
  chartMs: number;
  /** how long checking the data files may take, ms */
  dataMs: number;
}

/**
 * A report's chart computes in well under a second, its data checks in about one (figures:
 * README, "Security model"); the defaults leave room for a machine a dozen times slower under load.
 */
export const defaultWorkBudgets: Readonly<WorkBudgets> = { chartMs: 20_000, dataMs: 30_000 };

let budgets: WorkBudgets = { ...defaultWorkBudgets };

/** The budgets in force. */
export const workBudgets = (): Readonly<WorkBudgets> => budgets;

/** Sets the budgets for this process (the CLI's `--work-budget`); `undefined` restores the defaults. */
export function setWorkBudgets(next: Partial<WorkBudgets> | undefined): void {
  budgets = { ...defaultWorkBudgets, ...next };
}

/** Thrown when work ran out of its budget; the caller knows which file it was for and reports it. */
export class OverBudget extends Error {
  constructor(readonly ms: number) {
    super(`work stopped after its budget of ${ms} ms`);
    this.name = 'OverBudget';
  }
}

/**
 * Runs `work` (synchronous) and returns its result, or throws OverBudget once it has run `ms`.
 * Errors of the work itself pass through as they are.
 */
export function withinBudget<T>(ms: number, work: () => T): T {
  let result: { value: T } | undefined;
  try {
    runInNewContext('work()', { work: () => void (result = { value: work() }) }, { timeout: ms });
  } catch (e) {
    if ((e as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new OverBudget(ms);
    throw e;
  }
  return result!.value;
}
