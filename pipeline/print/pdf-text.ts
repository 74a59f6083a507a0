/** A PDF's text per page, as a reader's tools read it (pdfjs-dist): what the diff compares and the Traditional edition's check reads. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * pdfjs runs in a worker thread of its own, never in the pipeline's. Its legacy build (the one
 * Node 20 runs) installs core-js polyfills over the thread's globals: `JSON.stringify` in
 * JavaScript, ~25× slower than V8's, which every later cache key, cache file and edition.json
 * went through, and `Uint8Array.fromBase64`, which Puppeteer then preferred to Buffer for every
 * printed PDF it read back (~1 s of CPU per MB). A worker's globals are its own (issue 19).
 * The worker is a script given as text, so it runs the same from the sources and from the bundle.
 */
const workerScript = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const push = Array.prototype.push;
  const { getDocument } = await import(workerData.pdfjs);
  const doc = await getDocument({ data: workerData.pdf, isEvalSupported: false, verbosity: 0 }).promise;
  // core-js's Array.prototype.push (installed by pdf.mjs and, at getDocument, its worker) costs a fifth of the text's CPU; V8's serves pdfjs as well
  Array.prototype.push = push;
  try {
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
      page.cleanup();
    }
    parentPort.postMessage(pages);
  } finally {
    await doc.destroy();
  }
})();
`;

const pdfjsUrl = () => pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;

/** The text of every page, as pdfjs extracts it. */
export function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const copy = new Uint8Array(pdf); // handed to the worker, not shared with the caller
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { eval: true, workerData: { pdfjs: pdfjsUrl(), pdf: copy }, transferList: [copy.buffer] });
    worker.once('message', (pages: string[]) => resolve(pages));
    worker.once('error', reject); // pdfjs could not read it: the error as pdfjs threw it
    worker.once('exit', (code) => reject(new Error(`the PDF text reader stopped (exit code ${code}) before it had read every page`)));
  });
}
