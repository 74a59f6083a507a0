/**
 * Putting freshly printed pages in place of old ones in a finished PDF (watch mode's proofs,
 * proof-plan.ts). The old page objects stay — the outline, the contents' links and the named
 * destinations point at them — and take the new pages' content, resources and links. The new
 * content carries no tags (its marked-content IDs belong to another print's structure tree).
 */
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';

const Contents = PDFName.of('Contents');
const Resources = PDFName.of('Resources');
const Annots = PDFName.of('Annots');

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
