/** A PDF's text per page, as a reader's tools read it (pdfjs-dist): what the diff compares and the Traditional edition's check reads. */

/**
 * pdfjs is imported on the first call, not with this module: its legacy build installs core-js's
 * JavaScript `Uint8Array.fromBase64` (Node 20 has none), which Puppeteer then prefers to Buffer
 * when it reads a printed PDF, at ~1 s of CPU per MB. Loaded lazily, it arrives after a build's
 * prints (the Traditional edition's check), and start-up does not compile it (issue 19).
 */
const loadPdfjs = () => import('pdfjs-dist/legacy/build/pdf.mjs');

/** The text of every page, as pdfjs extracts it. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await loadPdfjs();
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
