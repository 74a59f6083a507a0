/** A chapter's short closing section never alone on its last page (issue 14, review 35 #2.2): which sections count, and when one is stranded. */
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { shortClosings, strandedClosings } from '../../pipeline/render/closing-sections.ts';

const el = (tagName: string, text = '', id?: string): Element => ({ type: 'element', tagName, properties: id ? { id } : {}, children: [{ type: 'text', value: text }] });
const chapter = (anchor: string, ...children: Element[]) => ({ anchor, hast: { type: 'root', children } as Root });
const line = '字'.repeat(44); // one line of the 44-em measure

describe('closing sections', () => {
  it('takes the last h2 of a chapter and what follows it as its closing section when that is text of twelve lines or fewer', () => {
    const short = chapter('ch-3', el('h2', '跨界合作', 'sec-3-5'), el('p', line.repeat(20)), el('h2', '本章小结', 'sec-3-6'), el('p', line.repeat(5)));
    const long = chapter('ch-4', el('h2', '本章小结', 'sec-4-6'), el('p', line.repeat(13)));
    const withTable = chapter('ch-5', el('h2', '本章小结', 'sec-5-7'), el('p', line), el('figure'));
    const noSections = chapter('ch-8', el('p', line));
    expect(shortClosings([short, long, withTable, noSections])).toEqual([{ chapter: 'ch-3', anchor: 'sec-3-6' }]);
  });

  it('counts a list item by item: each starts a line', () => {
    const items = Array.from({ length: 13 }, () => el('li', '短'));
    const list = chapter('ch-7', el('h2', '本章小结', 'sec-7-4'), { ...el('ol'), children: items });
    expect(shortClosings([list])).toEqual([]);
    expect(shortClosings([{ ...list, hast: { type: 'root', children: [el('h2', '本章小结', 'sec-7-4'), { ...el('ol'), children: items.slice(0, 12) }] } }])).toHaveLength(1);
  });

  it('finds a closing section stranded when its heading opens a page (at the top edge, its margin dropped), not when text of the chapter precedes it there', () => {
    const closings = [{ chapter: 'ch-3', anchor: 'sec-3-6' }, { chapter: 'ch-4', anchor: 'sec-4-6' }];
    // Chromium's destinations, measured from the text block's top: 3.6 opens the page (0 pt below it); 4.6 under the tail of 4.5 (200 pt down)
    const printed = { pageCount: 30, destinations: new Map([['sec-3-6', 21], ['sec-4-6', 27]]), tops: new Map([['sec-3-6', 0], ['sec-4-6', 200]]) };
    expect(strandedClosings(closings, printed)).toEqual(['ch-3']);
    // a line lower does not open it (the tops were once read from the page's edge, so a heading 68 pt down passed for the first line)
    expect(strandedClosings(closings, { ...printed, tops: new Map([['sec-3-6', 0.5], ['sec-4-6', 18]]) })).toEqual(['ch-3']);
    // a print that did not place it (a probe of another document) strands nothing
    expect(strandedClosings(closings, { pageCount: 30, destinations: new Map() })).toEqual([]);
  });
});
