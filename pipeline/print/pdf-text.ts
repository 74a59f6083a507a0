/** A PDF's text per page, as a reader's tools read it (pdfjs-dist): what the diff compares and the Traditional edition's check reads. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, as pdfjs extracts it. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
