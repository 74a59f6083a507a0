/** Opening and saving PDFs with pdf-lib, as fast as it goes. */
import { ParseSpeeds, PDFDocument } from 'pdf-lib';

export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // Fastest: parse in one go; the default yields to the event loop (≥ 1 ms) every 100 objects
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** `compact`: object streams, a quarter smaller and three times slower to write (editions are compact, proofs are not). */
export function savePdf(doc: PDFDocument, compact = true): Promise<Uint8Array> {
  // objectsPerTick: write in one go; the default yields to the event loop (≥ 1 ms) every 50 objects
  return doc.save({ useObjectStreams: compact, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
