/**
 * How the bookmarks open. Chromium writes every outline item open (positive /Count), so a viewer
 * shows all ~150 entries at once; a reader of a report wants the chapters and their sections. Items
 * deeper than `openLevels` are closed: ISO 32000 12.3.3, an open item's /Count is the number of its
 * visible descendants, a closed item's the negative of the number it would show when opened.
 */
import { PDFDict, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';

export function openOutlineTo(doc: PDFDocument, openLevels: number): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!root) return;
  const kids = (parent: PDFDict): PDFDict[] => {
    const found: PDFDict[] = [];
    const seen = new Set<PDFDict>();
    for (let item = parent.lookupMaybe(PDFName.of('First'), PDFDict); item && !seen.has(item); item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(item);
      found.push(item);
    }
    return found;
  };
  // returns how many items the node shows below itself (0 when closed or childless)
  const visit = (node: PDFDict, depth: number): number => {
    const children = kids(node);
    const shown = children.reduce((n, c) => n + 1 + visit(c, depth + 1), 0);
    if (children.length === 0) {
      node.delete(PDFName.of('Count'));
      return 0;
    }
    // the root (depth 0) and items above openLevels are open
    const open = depth < openLevels;
    node.set(PDFName.of('Count'), PDFNumber.of(open ? shown : -children.length));
    return open ? shown : 0;
  };
  visit(root, 0);
}
