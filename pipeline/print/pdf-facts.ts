/**
 * Where every heading landed. Chromium writes a named destination (catalog /Dests) for each
 * element an <a href="#id"> points at; pdf-lib reads them back as id → page index. The loaded
 * document is kept: the finalize stage sets metadata on it instead of parsing the PDF again.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument } from 'pdf-lib';
import { openPdf } from './pdf-file.ts';

export interface PdfFacts {
  pageCount: number;
  /** anchor id → 0-based page index */
  destinations: Map<string, number>;
  /** anchor id → how far below the top of its page's text block the destination is, in points (Chromium writes [page /XYZ x y zoom] in the area inside the margins) */
  tops?: Map<string, number>;
}

export async function openPrinted(pdf: Uint8Array): Promise<{ doc: PDFDocument; facts: PdfFacts }> {
  const doc = await openPdf(pdf);
  return { doc, facts: factsOf(doc) };
}

export function factsOf(doc: PDFDocument): PdfFacts {
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const destinations = new Map<string, number>();
  const tops = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const dest = doc.context.lookup(value);
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    const index = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (index === undefined) continue;
    destinations.set(name.decodeText(), index);
    const y = dest instanceof PDFArray ? dest.get(3) : undefined;
    if (y instanceof PDFNumber) tops.set(name.decodeText(), pages[index].getHeight() - y.asNumber());
  }
  return { pageCount: doc.getPageCount(), destinations, tops };
}
