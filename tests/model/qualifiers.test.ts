/** Qualified figures as intervals: what arithmetic on them may honestly say. */
import { describe, expect, it } from 'vitest';
import { boundsOf, differenceOf, growthOf, quantityOf, ratioOf, sumOf, withRounding } from '../../pipeline/model/qualifiers.ts';
import { vocabulary } from '../helpers/vocabulary.ts';

const word = (w: string) => vocabulary.qualifiers.get(w)!;
const { computed } = vocabulary;

describe('bounds of a figure', () => {
  it('exact, approximate, bounded above or below, or a range', () => {
    expect(boundsOf({ value: 5 })).toEqual({ low: 5, high: 5, about: false });
    expect(boundsOf({ value: 5, qualifier: word('左右') })).toEqual({ low: 5, high: 5, about: true });
    expect(boundsOf({ value: 50, qualifier: word('超过') })).toEqual({ low: 50, high: Infinity, about: false });
    expect(boundsOf({ value: 3, qualifier: word('不足') })).toEqual({ low: -Infinity, high: 3, about: false });
    expect(boundsOf({ value: 8, to: 10 })).toEqual({ low: 8, high: 10, about: false });
    expect(withRounding(boundsOf({ value: 15.3 }), 1)).toMatchObject({ low: expect.closeTo(15.25), high: expect.closeTo(15.35) });
  });
});

describe('computed from qualified figures', () => {
  it('an approximate operand makes an approximate result (约)', () => {
    expect(quantityOf(sumOf([boundsOf({ value: 5, qualifier: word('左右') }), boundsOf({ value: 2 })]), computed)).toEqual({ value: 7, qualifier: computed.about });
  });
  it('a lower bound stays a lower bound, and turns into an upper bound below a fraction line', () => {
    const over = boundsOf({ value: 200, qualifier: word('超过') });
    expect(quantityOf(differenceOf(over, boundsOf({ value: 150 })), computed)).toEqual({ value: 50, qualifier: computed.over });
    expect(quantityOf(growthOf(boundsOf({ value: 300 }), over)!, computed)).toEqual({ value: 50, qualifier: computed.under });
  });
  it('ranges give ranges; a bound against a bound the other way bounds nothing', () => {
    expect(quantityOf(sumOf([boundsOf({ value: 1, to: 2 }), boundsOf({ value: 3 })]), computed)).toEqual({ value: 4, to: 5 });
    const over = boundsOf({ value: 50, qualifier: word('超过') });
    expect(quantityOf(differenceOf(over, over), computed)).toBeUndefined();
  });
  it('refuse a divisor that may be zero', () => {
    expect(ratioOf(boundsOf({ value: 1 }), boundsOf({ value: 3, qualifier: word('不足') }))).toBeUndefined();
  });
});
