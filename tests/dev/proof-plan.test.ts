/**
 * Watch mode's proofs: which blocks of the document an edit lets us reprint alone, where their
 * pages are, and splicing printed pages into a finished PDF.
 */
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { documentBlock, type AssembledDocument } from '../../pipeline/render/assemble.ts';
import { afterProof, proofBaseOf, proofDocument, proofPlan, samePlaces } from '../../pipeline/dev/proof-plan.ts';
import { openPdf, savePdf } from '../../pipeline/print/pdf-file.ts';
import { splicePages } from '../../pipeline/dev/splice-pages.ts';
import { readPdf } from '../helpers/pdf.ts';

const hash = 'a'.repeat(64);
const section = (n: number, text: string, heading = `第${n}章`) => `<section class="chapter" id="ch-${n}"><h1 id="ch-${n}-title">${heading}</h1><p id="p-${n}">${text}</p></section>`;
const pageMap = { tocPages: { 'ch-1': '1', 'ch-2': '3', 'ch-3': '6', changelog: '7' }, totalPages: 7, frontPages: 2 };
const doc = (o: { title?: string; front?: string; chapters?: string[]; back?: string } = {}): AssembledDocument => {
  const chapters = o.chapters ?? [section(1, '一'), section(2, '二'), section(3, '三')];
  const front = o.front ?? `<section class="cover">封面</section><section class="colophon">${hash}</section>`;
  const back = o.back ?? '<section class="changelog" id="changelog">附录</section>';
  const blocks = [documentBlock('front', front), ...chapters.map((html, i) => documentBlock(`ch-${i + 1}`, html)), documentBlock('back', back)];
  const frame = `<html><head><title>${o.title ?? '报告'}</title></head><body></body></html>`;
  return { head: { title: o.title ?? '报告', lang: 'zh-CN', stylesheets: [], furnitureCss: '' }, frame, blocks, pageMap, html: frame };
};
// printed: cover + colophon (0–1), chapter 1 (2–3), chapter 2 (4–6), chapter 3 (7), changelog (8)
const facts = { pageCount: 9, destinations: new Map([['ch-1', 2], ['ch-2', 4], ['ch-3', 7], ['p-3', 7], ['changelog', 8]]) };
const base = () => proofBaseOf(doc(), {} as PDFDocument, hash, facts)!;

describe('proof base', () => {
  it('knows each block’s pages: front matter, every chapter, what follows the chapters', () => {
    expect(base().ranges).toEqual([
      { start: 0, count: 2, firstPage: 0 },
      { start: 2, count: 2, firstPage: 1 },
      { start: 4, count: 3, firstPage: 3 },
      { start: 7, count: 1, firstPage: 6 },
      { start: 8, count: 1, firstPage: 7 },
    ]);
  });

  it('does not place the last chapter and the back matter when no anchor marks where the back matter starts', () => {
    const unlinked = { pageCount: 9, destinations: new Map([['ch-1', 2], ['ch-2', 4], ['ch-3', 7], ['p-3', 7]]) };
    const b = proofBaseOf(doc(), {} as PDFDocument, hash, unlinked)!;
    expect(b.ranges.slice(3).map((r) => r.count)).toEqual([-1, -1]);
    expect(proofPlan(b, doc({ chapters: [section(1, '一'), section(2, '二'), section(3, '三改')] }), hash)).toBeUndefined();
    expect(proofPlan(b, doc({ chapters: [section(1, '一改'), section(2, '二'), section(3, '三')] }), hash)).toHaveLength(1);
  });

  it('is not made when the print did not place a chapter (the contents do not link to it)', () => {
    const unplaced = { pageCount: 9, destinations: new Map([['ch-1', 2], ['ch-3', 7], ['changelog', 8]]) };
    expect(proofBaseOf(doc(), {} as PDFDocument, hash, unplaced)).toBeUndefined();
  });
});

describe('proof plan', () => {
  it('reprints only the chapter whose text changed, at its pages and page number', () => {
    const plan = proofPlan(base(), doc({ chapters: [section(1, '一'), section(2, '二改'), section(3, '三')] }), hash);
    expect(plan).toHaveLength(1);
    expect(plan![0]).toMatchObject({ start: 4, count: 3, firstPage: 3 });
    expect(plan![0].html).toContain('二改');
  });

  it('leaves out a front matter that differs only by the input hash (the full print brings it)', () => {
    const other = 'b'.repeat(64);
    const edited = doc({ front: `<section class="cover">封面</section><section class="colophon">${other}</section>`, chapters: [section(1, '一改'), section(2, '二'), section(3, '三')] });
    expect(proofPlan(base(), edited, other)?.map((p) => p.start)).toEqual([2]);
    const retitled = doc({ front: `<section class="cover">新封面</section><section class="colophon">${other}</section>` });
    expect(proofPlan(base(), retitled, other)?.map((p) => p.start)).toEqual([0]);
  });

  it('prints in full when a heading, the head of the document or too many blocks change', () => {
    expect(proofPlan(base(), doc({ chapters: [section(1, '一'), section(2, '二', '新标题'), section(3, '三')] }), hash)).toBeUndefined();
    expect(proofPlan(base(), doc({ title: '新报告' }), hash)).toBeUndefined();
    expect(proofPlan(base(), doc({ chapters: [section(1, '甲'), section(2, '乙'), section(3, '丙')], back: '<section>乙</section>' }), hash)).toBeUndefined();
  });

  it('still proofs an edit whose new characters change only the font subsets’ link, not another stylesheet', () => {
    const linked = (fonts: string, printCss = 'print.css?v=1', chapters?: string[]): AssembledDocument => {
      const d = doc({ chapters });
      const head = { ...d.head, stylesheets: [fonts, printCss] };
      const frame = `<html><head><link rel="stylesheet" href="${fonts}"><link rel="stylesheet" href="${printCss}"></head><body></body></html>`;
      return { ...d, head, frame };
    };
    const b = proofBaseOf(linked('.fonts/fonts-aaaa.css'), {} as PDFDocument, hash, facts)!;
    const edited = [section(1, '一'), section(2, '二犇'), section(3, '三')];
    expect(proofPlan(b, linked('.fonts/fonts-bbbb.css', 'print.css?v=1', edited), hash)?.map((p) => p.start)).toEqual([4]);
    expect(proofPlan(b, linked('.fonts/fonts-bbbb.css', 'print.css?v=2', edited), hash)).toBeUndefined();
  });

  it('prints in full when a changed chapter links to an anchor the last print did not place (a new footnote)', () => {
    const edited = doc({ chapters: [section(1, '一'), section(2, '二<a href="#fn-new">1</a>'), section(3, '三')] });
    expect(proofPlan(base(), edited, hash)).toBeUndefined();
    const known = doc({ chapters: [section(1, '一'), section(2, '二<a href="#p-3">见下</a>'), section(3, '三')] });
    expect(proofPlan(base(), known, hash)).toHaveLength(1);
  });

  it('asks the proof to place each anchor of its pages where the last print did', () => {
    const plan = proofPlan(base(), doc({ chapters: [section(1, '一'), section(2, '二'), section(3, '三改')] }), hash)!;
    expect(plan[0].anchors).toEqual([{ id: 'ch-3', at: 7 }, { id: 'p-3', at: 7 }]);
    expect(proofDocument(plan[0])).toContain('<nav hidden><a href="#ch-3"></a><a href="#p-3"></a></nav>');
    expect(samePlaces(plan[0], new Map([['ch-3', 0], ['p-3', 0]]))).toBe(true);
    expect(samePlaces(plan[0], new Map([['ch-3', 0], ['p-3', 1]]))).toBe(false); // moved to the next page
    expect(samePlaces(plan[0], new Map([['ch-3', 0]]))).toBe(false); // not placed at all
  });

  it('after a proof, the next edit is compared with the proofed text', () => {
    const edited = doc({ chapters: [section(1, '一'), section(2, '二改'), section(3, '三')] });
    const next = afterProof(base(), edited, hash);
    expect(proofPlan(next, edited, hash)).toEqual([]);
  });
});

describe('splicing printed pages into a finished PDF', () => {
  const pdfOf = async (texts: string[]) => {
    const d = await PDFDocument.create();
    const font = await d.embedFont(StandardFonts.Helvetica);
    for (const t of texts) d.addPage([200, 200]).drawText(t, { x: 20, y: 100, size: 12, font });
    return d;
  };

  it('replaces the pages’ content and keeps the page objects (outline and links point at them)', async () => {
    const doc = await pdfOf(['one', 'two', 'three', 'four']);
    const refs = doc.getPages().map((p) => p.ref.toString());
    const printed = await openPdf(await (await pdfOf(['TWO', 'THREE'])).save());
    await splicePages(doc, printed, 1);
    expect(doc.getPages().map((p) => p.ref.toString())).toEqual(refs);
    expect(doc.getPage(1).node.has(PDFName.of('StructParents'))).toBe(false);
    const read = await readPdf(await savePdf(doc, false));
    expect(read.pages.map((p) => p.trim())).toEqual(['one', 'TWO', 'THREE', 'four']);
  });
});
