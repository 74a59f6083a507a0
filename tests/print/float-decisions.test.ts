import { describe, expect, it } from 'vitest';
import { chooseMove, emptyFoot, holes, improves, minHole } from '../../pipeline/print/float-decisions.ts';
import type { BlockKind, PlacedBlock } from '../../pipeline/print/flow-layout.ts';

/** A text block 711.5 pt tall, as print.css sets a body page (render/page-map.ts textBlock). */
const block = { top: 0, bottom: 711.5 };

/** A block from a compact description: kind, page, top and bottom in points; a float gets an id. */
const b = (kind: BlockKind, startPage: number, startTop: number, endPage: number, endBottom: number, id = '', chapter = 'ch-2'): PlacedBlock => ({ kind, id, chapter, lastLine: 18, index: 0, startPage, startTop, endPage, endBottom });
const indexed = (blocks: PlacedBlock[]) => blocks.map((x, index) => ({ ...x, index }));

// 2.2.1 as the probe found it (review 41 T1): 图2-3 did not fit under the paragraph, went to the next page, and left 105 pt empty
const pushed = indexed([
  b('text', 10, 400, 10, 606.75),
  b('float', 11, 0.75, 11, 196.7, 'fig-platform-share'),
  b('text', 11, 214.5, 11, 250.5),
  b('text', 11, 255, 11, 327),
  b('heading', 11, 340, 11, 358),
]);

describe('holes', () => {
  it('finds a page left short where the next block of its chapter opens the next page, deeper than three lines', () => {
    expect(holes(pushed, block)).toEqual([{ page: 10, depth: 711.5 - 606.75, next: 1 }]);
  });

  it("leaves alone a chapter's end and a shallow foot", () => {
    expect(holes(indexed([b('text', 3, 0, 3, 300, '', 'ch-1'), b('heading', 4, 0, 4, 20, 'ch-2', 'ch-2')]), block)).toEqual([]);
    expect(holes(indexed([b('text', 3, 0, 3, block.bottom - minHole), b('text', 4, 0, 4, 20)]), block)).toEqual([]);
  });
});

describe('chooseMove', () => {
  it('moves a pushed figure after as many of the paragraphs that follow it as fill the hole', () => {
    // the first paragraph (36 pt) fills too little of 105 pt; with the second (72 pt) the foot is within three lines of full
    expect(chooseMove(pushed, holes(pushed, block)[0], block)).toEqual({ float: 'fig-platform-share', by: 2 });
  });

  it('never moves a figure past a heading or another figure; when nothing follows it, moves it before the paragraph above if it fits there', () => {
    const alone = indexed([b('text', 6, 300, 6, 420), b('text', 6, 424, 6, 600), b('float', 7, 0, 7, 150, 'tab-trends'), b('heading', 7, 170, 7, 190)]);
    expect(chooseMove(alone, holes(alone, block)[0], block)).toEqual({ float: 'tab-trends', by: -1 });
    // too tall to stand where the paragraph above starts, but it fits where the one above that starts
    const tall = indexed([b('text', 6, 300, 6, 420), b('text', 6, 424, 6, 600), b('float', 7, 0, 7, 350, 'fig-tall'), b('float', 7, 360, 7, 500, 'fig-next')]);
    expect(chooseMove(tall, holes(tall, block)[0], block)).toEqual({ float: 'fig-tall', by: -2 });
    // the paragraph above started on the page before: the figure cannot go back without going back a page
    const spanning = indexed([b('text', 5, 300, 6, 600), b('float', 7, 0, 7, 150, 'tab-trends'), b('heading', 7, 170, 7, 190)]);
    expect(chooseMove(spanning, holes(spanning, block)[0], block)).toBeUndefined();
    // never between a heading and its section's first paragraph, before the text that calls it (review 49, 2.7: 2.4.1, 图2-5)
    const headed = indexed([b('heading', 6, 400, 6, 420), b('text', 6, 424, 6, 600), b('float', 7, 0, 7, 150, 'fig-user-behaviour'), b('float', 7, 160, 7, 300, 'fig-next')]);
    expect(chooseMove(headed, holes(headed, block)[0], block)).toBeUndefined();
  });

  it('moves the figure a heading was kept with, and lets the heading go back up with the text', () => {
    const headed = indexed([b('text', 8, 300, 8, 600), b('heading', 9, 0, 9, 18), b('float', 9, 26, 9, 300, 'fig-x'), b('text', 9, 310, 9, 400), b('text', 9, 405, 9, 500)]);
    expect(chooseMove(headed, holes(headed, block)[0], block)).toEqual({ float: 'fig-x', by: 1 });
  });

  it('leaves a hole a heading or a paragraph kept whole made: no figure to move', () => {
    const heading = indexed([b('text', 8, 300, 8, 600), b('heading', 9, 0, 9, 18), b('text', 9, 26, 9, 98)]);
    expect(chooseMove(heading, holes(heading, block)[0], block)).toBeUndefined();
  });
});

describe('improves', () => {
  const hole = holes(pushed, block)[0];
  const move = { float: 'fig-platform-share', by: 2 };
  it('accepts a move that fills the foot and keeps the figure whole on the next page', () => {
    const after = indexed([b('text', 10, 400, 10, 606.75), b('text', 10, 611, 11, 36), b('text', 11, 40, 11, 112), b('float', 11, 125, 11, 320, 'fig-platform-share'), b('heading', 11, 340, 11, 358)]);
    expect(emptyFoot(after, 10, block)).toBe(0);
    expect(improves(pushed, after, hole, move, block)).toBe(true);
  });

  it('refuses one that sends the figure a page further', () => {
    const after = indexed([b('text', 10, 400, 10, 606.75), b('text', 10, 611, 11, 36), b('text', 11, 40, 11, 600), b('float', 12, 0, 12, 196, 'fig-platform-share'), b('heading', 12, 210, 12, 228)]);
    expect(improves(pushed, after, hole, move, block)).toBe(false);
  });
});
