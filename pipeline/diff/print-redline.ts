/**
 * Prints the redline (redline.ts) with the report's own print stage: the same locked-down page
 * (JavaScript off, only project files), A4, outline. One pass: the contents keep the new
 * edition's page numbers, which the struck-through text may shift by a little.
 */
import type { Browser } from 'puppeteer';
import { printPdf, type PageMap } from '../print/print-session.ts';
import { savePdf } from '../print/pdf-file.ts';

export interface RedlineJob {
  htmlFile: string;
  allowedRoots: string[];
  timeoutMs: number;
  /** the new edition's page map (contents and running footer) */
  pageMap: PageMap;
  title: string;
}

export async function printRedline(browser: Browser, job: RedlineJob, signal?: AbortSignal): Promise<Uint8Array> {
  const printed = await printPdf(
    browser,
    { htmlFile: job.htmlFile, allowedRoots: job.allowedRoots, timeoutMs: job.timeoutMs, assumed: job.pageMap, pageMapOf: () => job.pageMap, furnitureCss: () => '' },
    signal,
  );
  printed.doc.setTitle(job.title, { showInWindowTitleBar: true });
  printed.doc.setProducer('report pipeline (redline)');
  return savePdf(printed.doc);
}
