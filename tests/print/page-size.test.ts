import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exactPaperSizes, intendedSize } from '../../pipeline/print/page-size.ts';

describe('paper sizes to the point', () => {
  it("gives Chromium's A4 (594.96 × 841.92 pt) ISO 216's 595.28 × 841.89, its top-left corner where it was", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([594.96, 841.92]);
    doc.addPage([841.92, 594.96]); // a landscape page
    doc.addPage([500, 700]); // no standard size: left alone
    exactPaperSizes(doc);
    const [a4, landscape, other] = doc.getPages().map((p) => p.getMediaBox());
    expect(a4.width).toBeCloseTo(595.276, 2);
    expect(a4.height).toBeCloseTo(841.89, 2);
    expect(a4.y + a4.height).toBeCloseTo(841.92, 5); // the top edge did not move: nothing on the page shifts
    expect(a4.x).toBe(0);
    expect(landscape.width).toBeCloseTo(841.89, 2);
    expect(landscape.height).toBeCloseTo(595.276, 2);
    expect(other).toEqual({ x: 0, y: 0, width: 500, height: 700 });
  });

  it('knows a size only within half a millimetre of it', () => {
    expect(intendedSize(594.96, 841.92)).toBeDefined();
    expect(intendedSize(595.28 + 2, 841.89)).toBeUndefined();
    expect(intendedSize(612.3, 791.8)?.map(Math.round)).toEqual([612, 792]); // US Letter
  });
});
