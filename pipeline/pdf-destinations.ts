/**
 * Where every heading landed. Chromium writes a named destination for each element that an
 * <a href="#id"> points at; pdfjs-dist reads them back as id → page index.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pageCount: number;
  /** anchor id → 0-based page index */
  destinations: Map<string, number>;
}

export async function readPdfFacts(pdf: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
    const destinations = new Map<string, number>();
    for (const [id, dest] of Object.entries(dests)) {
      const ref = dest?.[0] as { num: number; gen: number } | number | undefined;
      if (ref === undefined) continue;
      destinations.set(id, typeof ref === 'number' ? ref : await doc.getPageIndex(ref));
    }
    return { pageCount: doc.numPages, destinations };
  } finally {
    await doc.destroy();
  }
}
