/** withinBudget (core/work-budget.ts): synchronous work ends with its result, its own error, or OverBudget when its time is up. */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWorkBudgets, OverBudget, setWorkBudgets, withinBudget, workBudgets } from '../../pipeline/core/work-budget.ts';

afterEach(() => setWorkBudgets(undefined));

describe('withinBudget', () => {
  it('returns what the work returns, and passes its errors through as they are', () => {
    expect(withinBudget(1000, () => [1, 2, 3].map((n) => n * 2))).toEqual([2, 4, 6]);
    const own = new TypeError('its own');
    expect(() => withinBudget(1000, () => { throw own; })).toThrow(own);
  });

  it('stops a loop that never ends, once its budget is spent: OverBudget with the budget', () => {
    const t0 = Date.now();
    let error: unknown;
    try {
      withinBudget(300, () => {
        for (;;);
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OverBudget);
    expect((error as OverBudget).ms).toBe(300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    // the process goes on: the next work runs normally
    expect(withinBudget(1000, () => 'next')).toBe('next');
  });

  it('has defaults the command line alone replaces', () => {
    expect(workBudgets()).toEqual(defaultWorkBudgets);
    setWorkBudgets({ chartMs: 500, dataMs: 500 });
    expect(workBudgets()).toEqual({ chartMs: 500, dataMs: 500 });
    setWorkBudgets(undefined);
    expect(workBudgets()).toEqual(defaultWorkBudgets);
  });
});
