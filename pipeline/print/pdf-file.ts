/**
 * Opening and saving finished PDFs with pdf-lib, and putting freshly printed pages in place of old ones in a finished PDF (watch mode's proofs, see
 * proof.ts). The old page objects stay — the outline, the contents' links and the named
 * destinations point at them — and take the new pages' content, resources and links. The new
 * content carries no tags (its marked-content IDs belong to another print's structure tree).
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

const Contents = PDFName.of('Contents');
const Resources = PDFName.of('Resources');
const Annots = PDFName.of('Annots');

export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // Fastest: parse in one go; the default yields to the event loop (≥ 1 ms) every 100 objects
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** Replaces pages `start` … of `doc` with the pages of `source`, as many as it has. */
export async function splicePages(doc: PDFDocument, source: PDFDocument, start: number): Promise<void> {
  const copies = await doc.copyPages(source, source.getPageIndices());
  copies.forEach((copy, i) => {
    const target = doc.getPage(start + i);
    const old = target.node.get(Contents);
    const oldLinks = target.node.lookupMaybe(Annots, PDFArray)?.asArray() ?? [];
    target.node.set(Contents, copy.node.get(Contents)!);
    target.node.set(Resources, copy.node.get(Resources)!);
    target.node.delete(PDFName.of('StructParents'));
    const links = copy.node.lookupMaybe(Annots, PDFArray);
    if (links) {
      for (const ref of links.asArray()) {
        const link = doc.context.lookup(ref, PDFDict);
        link.delete(PDFName.of('StructParent'));
        link.set(PDFName.of('P'), target.ref);
      }
      target.node.set(Annots, links);
    } else target.node.delete(Annots);
    // the replaced content and the copied page shell are nobody's now
    for (const ref of [...(old instanceof PDFArray ? old.asArray() : [old]), ...oldLinks]) if (ref instanceof PDFRef) doc.context.delete(ref);
    doc.context.delete(copy.ref);
  });
}

/** `compact`: object streams, a quarter smaller and three times slower to write (editions are compact, proofs are not). */
export function savePdf(doc: PDFDocument, compact = true): Promise<Uint8Array> {
  // objectsPerTick: write in one go; the default yields to the event loop (≥ 1 ms) every 50 objects
  return doc.save({ useObjectStreams: compact, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
