/**
 * Paper sizes to the point. Chromium prints an @page of `size: A4` as 594.96 × 841.92 pt, 0.1 mm
 * narrow of ISO 216's 595.28 × 841.89 (review 40, T5): a press's preflight reports a page that is
 * not A4. A page within half a millimetre of a standard size is given that size exactly; its
 * top-left corner stays where it is, so nothing on it moves (the difference lies at the right and
 * bottom edges, under a third of a point).
 */
import type { PDFDocument } from 'pdf-lib';

const pt = (mm: number) => (mm / 25.4) * 72;

/** Portrait sizes in mm: ISO 216 A3–A5, JIS B5, US Letter and Legal. */
const paperMm: [number, number][] = [
  [297, 420],
  [210, 297],
  [148, 210],
  [182, 257],
  [215.9, 279.4],
  [215.9, 355.6],
];

/** The standard size (pt) a page of this size was meant to be, if within half a millimetre of one in either orientation. */
export function intendedSize(width: number, height: number): [number, number] | undefined {
  const near = (a: number, b: number) => Math.abs(a - b) <= pt(0.5);
  for (const [w, h] of paperMm) {
    for (const [x, y] of [[pt(w), pt(h)], [pt(h), pt(w)]]) if (near(width, x) && near(height, y)) return [x, y];
  }
  return undefined;
}

/** Every page at its standard size exactly, its top-left corner fixed (MediaBox only: no other box is set). */
export function exactPaperSizes(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const box = page.getMediaBox();
    const size = intendedSize(box.width, box.height);
    if (!size || (size[0] === box.width && size[1] === box.height)) continue;
    const top = box.y + box.height;
    page.setMediaBox(box.x, top - size[1], size[0], size[1]);
  }
}
