/**
 * The PDF as a file: metadata from the edition (Chromium writes only Title), dates from the
 * edition instead of the clock, a file ID from the inputs, so the same inputs give the same
 * bytes. pdf-lib keeps the outline, tags and links; its object streams make the file smaller.
 */
import { PDFHexString, type PDFDocument } from 'pdf-lib';
import type { Edition } from './schemas.ts';

export async function finalizePdf(doc: PDFDocument, edition: Edition, opts: { producer: string; documentId: string }): Promise<Uint8Array> {
  const date = new Date(`${edition.date}T00:00:00Z`);
  doc.setTitle(edition.title, { showInWindowTitleBar: true });
  doc.setAuthor(edition.authors.join(', '));
  doc.setSubject(edition.subject);
  doc.setKeywords(edition.keywords);
  doc.setCreator(opts.producer);
  doc.setProducer(opts.producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(edition.language);
  const id = PDFHexString.of(opts.documentId.slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
