/**
 * Prints the redline (redline.ts) with the report's own print page: locked down the same way
 * (JavaScript off, exactly its own files), A4, outline. One pass: the contents keep the new
 * edition's page numbers, which the struck-through text may shift by a little.
 */
import type { Browser } from 'puppeteer';
import { savePdf } from '../print/pdf-file.ts';
import { PrintSession, type PageOptions } from '../print/print-session.ts';

export interface RedlineJob extends PageOptions {
  htmlFile: string;
  /** the stylesheets it links: the page loads exactly these, what they name and the file itself */
  stylesheets: string[];
  title: string;
}

export async function printRedline(browser: Browser, job: RedlineJob, signal?: AbortSignal): Promise<Uint8Array> {
  const session = new PrintSession(browser, job);
  try {
    const doc = await session.printFile(job.htmlFile, signal, job.stylesheets);
    doc.setTitle(job.title, { showInWindowTitleBar: true });
    doc.setProducer('report pipeline (redline)');
    return await savePdf(doc);
  } finally {
    await session.close();
  }
}
