import { describe, expect, it } from 'vitest';
import { pageStretch } from '../../pipeline/print/page-fill.ts';
import type { BlockKind, PlacedBlock } from '../../pipeline/print/flow-layout.ts';

const block = { top: 0, bottom: 711.5 };
const b = (kind: BlockKind, startPage: number, startTop: number, endPage: number, endBottom: number, chapter = 'ch-2'): PlacedBlock => ({ kind, id: '', chapter, lastLine: 18, index: 0, startPage, startTop, endPage, endBottom });
const indexed = (blocks: PlacedBlock[]) => blocks.map((x, index) => ({ ...x, index }));
const total = (m: Map<number, number>, ids: number[]) => ids.reduce((s, i) => s + (m.get(i) ?? 0), 0);

describe('pageStretch', () => {
  // page 12 ends 60 pt short: the heading that opens page 13 is kept with its first lines
  const page = indexed([
    b('text', 11, 500, 12, 90), // runs on from the page before: its gap is on page 11
    b('heading', 12, 110, 12, 128),
    b('text', 12, 136, 12, 280),
    b('float', 12, 295, 12, 500),
    b('text', 12, 515, 12, 587),
    b('text', 12, 592, 12, 651.5),
    b('heading', 13, 0, 13, 18),
    b('text', 13, 26, 13, 98),
  ]);

  it('shares the empty foot out above the headings and around the figures of that page, a little each, and keeps the page breaks', () => {
    const extra = pageStretch(page, block);
    // not above the page's first block (a margin at a page's top is dropped), nor between a heading and its text, nor between two paragraphs (review 43 T1)
    expect([...extra.keys()].sort()).toEqual([1, 3, 4]);
    // at most 3 pt a gap (review 44 #1: a heading's space twice the default on one page, not on the next): 9 of the 60 pt
    expect([...extra.values()]).toEqual([3, 3, 3]);
    // a shallow foot is shared out whole but for 2 pt of slack, so no line is pushed over
    const shallow = pageStretch(page.map((b) => (b.endPage === 12 ? { ...b, endBottom: b.endBottom + (b.index === 5 ? 51 : 0) } : b)), block);
    expect(total(shallow, [1, 3, 4])).toBeCloseTo(7, 5);
  });

  it("leaves a chapter's last page as it ends, and a page that runs on into the next", () => {
    const end = indexed([b('text', 20, 0, 20, 300, 'ch-3'), b('text', 20, 305, 20, 400, 'ch-3'), b('heading', 21, 0, 21, 20, 'ch-4')]);
    expect(pageStretch(end, block).size).toBe(0);
    const full = indexed([b('text', 20, 0, 20, 300), b('text', 20, 305, 21, 40)]);
    expect(pageStretch(full, block).size).toBe(0);
  });

  it('stretches no gap past its limit, and a page of paragraphs alone not at all', () => {
    const deep = indexed([b('text', 5, 0, 5, 300), b('heading', 5, 320, 5, 340), b('text', 5, 348, 5, 400), b('float', 6, 0, 6, 600)]);
    expect([...pageStretch(deep, block).values()]).toEqual([3]); // above the heading: at most 3 pt, not the 309 pt below
    const prose = indexed([b('text', 5, 0, 5, 300), b('text', 5, 305, 5, 400), b('float', 6, 0, 6, 600)]);
    expect(pageStretch(prose, block).size).toBe(0);
  });
});
