import { describe, expect, it } from 'vitest';
import { folio, frontLabels } from '../../pipeline/render/front-matter.ts';

describe('front-matter folios', () => {
  // five front pages (cover i … v): the first chapter page is 1, the page before it 0
  const map = { tocPages: { summary: '0', toc: '-2', 'ch-1': '1', 'sec-2-1': '12' }, totalPages: 30, frontPages: 5 };

  it('prints a front page\'s number as its roman folio and a chapter page\'s as it is', () => {
    expect(folio('0', map)).toBe('v');
    expect(folio('-2', map)).toBe('iii');
    expect(folio('12', map)).toBe('12');
    expect(folio(undefined, map)).toBe(''); // not printed yet: nothing, never "undefined"
  });

  it('gives the contents the folio of each front-matter text', () => {
    expect(frontLabels(['summary'], map)).toEqual({ summary: 'v' });
  });
});
