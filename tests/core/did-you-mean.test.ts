import { describe, expect, it } from 'vitest';
import { closest } from '../../pipeline/core/did-you-mean.ts';

describe('did you mean', () => {
  it('a typo: the closest name by edits', () => {
    expect(closest('platforms.share_2023', ['platforms.share_2024', 'market.size_2024'])).toBe('platforms.share_2024');
    expect(closest('pct', ['percent', 'yuan'])).toBeUndefined();
  });
  it('a rename that added or dropped words: the name that keeps them', () => {
    expect(closest('share_display', ['key', 'label', 'value', 'display', 'reading'])).toBe('display');
    expect(closest('display_text', ['key', 'label', 'value', 'display', 'reading'])).toBe('display');
    expect(closest('market.size_2024', ['market.ecommerce_size_2024', 'market.growth_2024', 'platforms.share_2024'])).toBe('market.ecommerce_size_2024');
  });
  it('no guess from a file name or a year alone', () => {
    expect(closest('market.gmv_2024', ['market.users_2024', 'platforms.gmv_2023'])).toBeUndefined();
  });
});
