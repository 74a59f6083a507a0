import { describe, expect, it } from 'vitest';
import { folio, frontLabels, rectoOpenings, versoPads, withPredictedPads } from '../../pipeline/render/front-matter.ts';

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

  it('pads before each chapter that would open on an even page, counting the pads before it, and keeps its answer once they are printed', () => {
    // chapters_open: recto (locale.yaml), for a report printed on both sides; the back matter ('sources') opens on a recto too
    const anchors = rectoOpenings(['ch-1', 'ch-2', 'ch-3', 'ch-4'].map((anchor) => ({ anchor })), 'recto').filter((a) => a !== 'sources');
    const pages = (o: Record<string, string>, totalPages = 40) => ({ tocPages: o, totalPages, frontPages: 6 });
    // unpadded: 1, 4, 10, 15 (PDF pages 7, 10, 16, 21) → ch-2 gets a pad (5), ch-3 then falls on 11 (none), ch-4 on 16 (a pad: 17)
    const unpadded = pages({ 'ch-1': '1', 'ch-2': '4', 'ch-3': '10', 'ch-4': '15' });
    expect(versoPads(anchors, unpadded)).toEqual(['ch-2', 'ch-4']);
    // the print with those pads: every chapter on an odd folio, and the same pads asked for (the page numbers hold)
    const padded = pages({ 'ch-1': '1', 'pad-ch-2': '4', 'ch-2': '5', 'ch-3': '11', 'pad-ch-4': '16', 'ch-4': '17' }, 42);
    expect(versoPads(anchors, padded)).toEqual(['ch-2', 'ch-4']);
    expect(versoPads(anchors, pages({}))).toEqual([]); // nothing placed yet
    // a probe shows no pads: its map, once they are printed, is the padded print's, so one full print follows it
    expect(withPredictedPads(anchors, unpadded)).toEqual(padded);
    expect(withPredictedPads(anchors, padded)).toBe(padded); // a print that showed pads is taken as it is
    // a print with the wrong pad (a wrong guess): before ch-3 instead of ch-2 and ch-4
    const wrong = pages({ 'ch-1': '1', 'ch-2': '4', 'pad-ch-3': '10', 'ch-3': '11', 'ch-4': '16' }, 41);
    expect(withPredictedPads(anchors, wrong)).toEqual(padded);
  });

  it('pads before the back cover when the page count would be odd, so the back cover is a verso, and keeps that answer once printed', () => {
    const anchors = rectoOpenings([{ anchor: 'ch-1' }, { anchor: 'ch-2' }], 'recto').filter((a) => a !== 'sources');
    // 6 front pages and 37 after them: 43 pages, the back cover on a recto
    const map = (o: Record<string, string>, totalPages: number) => ({ tocPages: o, totalPages, frontPages: 6 });
    expect(versoPads(anchors, map({ 'ch-1': '1', 'ch-2': '5' }, 37))).toEqual(['back-cover']);
    expect(versoPads(anchors, map({ 'ch-1': '1', 'ch-2': '5', 'pad-back-cover': '37' }, 38))).toEqual(['back-cover']);
    // a chapter's pad makes the count even: no second pad
    expect(versoPads(anchors, map({ 'ch-1': '1', 'ch-2': '4' }, 37))).toEqual(['ch-2']);
    expect(versoPads(anchors, map({ 'ch-1': '1', 'pad-ch-2': '4', 'ch-2': '5' }, 38))).toEqual(['ch-2']);
    // an odd number of front pages: the first chapter gets a pad, so it opens on a recto (page 7), and the count is even again
    expect(versoPads(anchors, { tocPages: { 'ch-1': '1', 'ch-2': '5' }, totalPages: 37, frontPages: 5 })).toEqual(['ch-1', 'back-cover']);
  });

  it('opens chapters on the next page with no blank page in the text when chapters_open is any (a PDF read on screen: review 33 #1.1), the back cover still on a verso (review 40 T5)', () => {
    const chapters = ['ch-1', 'ch-2', 'ch-3'].map((anchor) => ({ anchor }));
    expect(rectoOpenings(chapters, 'recto')).toEqual(['ch-1', 'ch-2', 'ch-3', 'sources']);
    expect(rectoOpenings(chapters, 'any')).toEqual([]);
    // the same print that asks for three pads (before ch-2, ch-3 and the back matter) when chapters open on rectos asks for none
    const map = { tocPages: { 'ch-1': '1', 'ch-2': '4', 'ch-3': '9', sources: '14' }, totalPages: 15, frontPages: 6 };
    expect(versoPads(rectoOpenings(chapters, 'recto'), map)).toEqual(['ch-2', 'ch-3', 'sources']);
    expect(versoPads(rectoOpenings(chapters, 'any'), map)).toEqual(['back-cover']); // 21 pages: a blank verso before the back cover
    const even = { ...map, totalPages: 16 };
    expect(versoPads(rectoOpenings(chapters, 'any'), even)).toEqual([]);
    expect(withPredictedPads(rectoOpenings(chapters, 'any'), even)).toBe(even);
    // a print of 21 pages is predicted with the pad: 22, the back cover's pad on page 15 of the body
    expect(withPredictedPads(rectoOpenings(chapters, 'any'), map)).toMatchObject({ totalPages: 16, tocPages: { 'pad-back-cover': '15' } });
  });
});
