/**
 * The PDF as a file: metadata from the edition (Chromium writes only Title), in the Info dictionary and an XMP packet, dates from the
 * edition instead of the clock, a file ID from the inputs, and the tag tree's element IDs
 * renumbered, so the same inputs give the same bytes however the document was printed; the page
 * furniture marked as artifacts and the tag tree without its NonStruct wrappers. pdf-lib
 * keeps the outline, tags and links; its object streams make the file smaller.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { describeLinks, mapRoles } from './pdf-accessibility.ts';
import { exactPaperSizes } from './page-size.ts';
import { savePdf } from './pdf-file.ts';
import { openOutlineTo } from './pdf-outline.ts';
import { dissolveNonStruct, markPageArtifacts, tagContents } from './pdf-tags.ts';
import { hashSubsetTags } from './subset-tags.ts';
import { setXmpMetadata } from './xmp-metadata.ts';

/** What the file says about itself (Chromium writes only the title). */
export interface PdfMetadata {
  title: string;
  authors: string[];
  subject: string;
  keywords: string[];
  /** the edition's date, YYYY-MM-DD: creation and modification dates, so rebuilds are byte-identical */
  date: string;
  language: string;
  /** the back cover's page label (封底): it prints no folio, and its label does not make it one more numbered page */
  backCoverLabel?: string;
  /** the cover's page label (封面): it prints no folio either; the front matter after it keeps its roman folios (ii …) */
  coverLabel?: string;
  /** a link annotation's /Contents, {page} the folio it goes to (转到第{page}页) */
  linkContents?: string;
}

export async function finalizePdf(doc: PDFDocument, edition: PdfMetadata, opts: { creator: string; producer: string; documentId: string; frontPages: number }): Promise<Uint8Array> {
  const date = new Date(`${edition.date}T00:00:00Z`);
  doc.setTitle(edition.title, { showInWindowTitleBar: true });
  doc.setAuthor(edition.authors.join(', '));
  doc.setSubject(edition.subject);
  doc.setKeywords(edition.keywords);
  // the software that made the file: Creator the browser that printed it, Producer the PDF libraries (the publisher is the Author)
  doc.setCreator(opts.creator);
  doc.setProducer(opts.producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(edition.language);
  // the input hash is for tools, not readers: in the XMP (xmpMM:InstanceID) and edition.json, no custom Info key (review 35 #5.7)
  setXmpMetadata(doc, { ...edition, creatorTool: opts.creator, producer: opts.producer, inputsHash: opts.documentId });
  const id = PDFHexString.of(opts.documentId.slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  setPageLabels(doc, opts.frontPages, edition.backCoverLabel, edition.coverLabel);
  // A4 to the point, not Chromium's 594.96 × 841.92 (page-size.ts)
  exactPaperSizes(doc);
  // a 40-page report is read by its chapters: open with the bookmarks pane showing
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  // … with its chapters and their sections, not all ~150 entries (review 31 #24)
  openOutlineTo(doc, 2);
  // the furniture and decoration as artifacts, no NonStruct wrapper around every text run, the contents as /TOC (pdf-tags.ts)
  markPageArtifacts(doc);
  dissolveNonStruct(doc);
  tagContents(doc);
  // PDF/UA: PDF 2.0's /Strong mapped to a 1.7 type, and every link saying where it goes (pdf-accessibility.ts)
  mapRoles(doc);
  if (edition.linkContents) describeLinks(doc, edition.linkContents, opts.frontPages);
  renumberStructIds(doc);
  // subset tags from the subsets' bytes, not Skia's AAAAAA+, BAAAAA+ … (subset-tags.ts)
  hashSubsetTags(doc);
  return savePdf(doc);
}

/**
 * PDF page labels (ISO 32000 12.4.2) matching the printed folios: roman for the front matter, then
 * 1, 2, 3 … from the first chapter page, so a viewer's "page 1" is folio 1; the covers, which print
 * no folio, labelled with their names alone (a prefix without numbers), when given them (review 33
 * #5.6: the cover was "i"). The copyright page stays ii, the folio it prints.
 */
export function setPageLabels(doc: PDFDocument, frontPages: number, backCoverLabel?: string, coverLabel?: string): void {
  const ctx = doc.context;
  const front: (number | PDFDict)[] = coverLabel && frontPages > 1 ? [0, ctx.obj({ P: PDFHexString.fromText(coverLabel) }), 1, ctx.obj({ S: 'r', St: 2 })] : [0, ctx.obj({ S: 'r' })];
  const nums: (number | PDFDict)[] = frontPages > 0 ? [...front, frontPages, ctx.obj({ S: 'D', St: 1 })] : [0, ctx.obj({ S: 'D', St: 1 })];
  const last = doc.getPageCount() - 1;
  if (backCoverLabel && last > frontPages) nums.push(last, ctx.obj({ P: PDFHexString.fromText(backCoverLabel) }));
  doc.catalog.set(PDFName.of('PageLabels'), ctx.obj({ Nums: nums }));
}

const nodeId = /^node(\d+)$/;

/**
 * Chromium names tagged elements after the DOM nodes they came from (`/ID (node00000821)`, in the
 * IDTree and in table cells' /Headers). DOM node numbers depend on the page's history — a
 * second print pass, an in-place update — not on the document. Renumbering them in their own
 * order (1, 2, 3 …, same width) keeps every reference and the IDTree's sort order intact.
 */
export function renumberStructIds(doc: PDFDocument): void {
  const found = new Set<number>();
  const walk = (obj: PDFObject | undefined, onString: (s: PDFString | PDFHexString, set: (v: PDFObject) => void) => void, seen: Set<PDFObject>): void => {
    if (!obj || seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFDict) {
      for (const [key, value] of obj.entries()) {
        if (value instanceof PDFString || value instanceof PDFHexString) onString(value, (v) => obj.set(key, v));
        else walk(value, onString, seen);
      }
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) {
        const value = obj.get(i);
        if (value instanceof PDFString || value instanceof PDFHexString) onString(value, (v) => obj.set(i, v));
        else walk(value, onString, seen);
      }
    }
  };
  const everything = () => doc.context.enumerateIndirectObjects().map(([, o]) => o);
  const collect = new Set<PDFObject>();
  for (const o of everything()) walk(o, (s) => void (nodeId.test(s.decodeText()) && found.add(Number(nodeId.exec(s.decodeText())![1]))), collect);
  if (found.size === 0) return;
  const width = String(found.size).length > 8 ? String(found.size).length : 8;
  const mapped = new Map([...found].sort((a, b) => a - b).map((n, i) => [n, `node${String(i + 1).padStart(width, '0')}`]));
  const rewrite = new Set<PDFObject>();
  for (const o of everything()) {
    walk(
      o,
      (s, set) => {
        const m = nodeId.exec(s.decodeText());
        if (m) set(PDFString.of(mapped.get(Number(m[1]))!));
      },
      rewrite,
    );
  }
}
