/**
 * `npm run pages`: every page of out/report.pdf as a PNG thumbnail plus one contact sheet, for
 * human review and pull requests. Rendered with pdfjs-dist on @napi-rs/canvas: no browser, no
 * system tools, the same pixels on every machine.
 */
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import { getDocument, type PageViewport, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface RenderedPages {
  pages: Uint8Array[];
  contactSheet: Uint8Array;
}

export async function renderPages(pdf: Uint8Array, opts: { dpi?: number; columns?: number } = {}): Promise<RenderedPages> {
  const scale = (opts.dpi ?? 60) / 72;
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: Uint8Array[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const viewport = page.getViewport({ scale });
      const canvas = await drawPage(page, viewport, Math.ceil(viewport.width), Math.ceil(viewport.height));
      pages.push(new Uint8Array(await canvas.encode('png')));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { pages, contactSheet: await contactSheet(pages, opts.columns ?? 6) };
}

/** A page drawn on a white canvas of the given size in pixels (a viewport shifted by its offsets draws a part of it). */
export async function drawPage(page: PDFPageProxy, viewport: PageViewport, width: number, height: number): Promise<Canvas> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  return canvas;
}

/** All pages in a grid, with a thin frame and the page number under each. */
async function contactSheet(pngs: Uint8Array[], columns: number): Promise<Uint8Array> {
  const images = await Promise.all(pngs.map((p) => loadImage(Buffer.from(p))));
  const w = Math.max(...images.map((i) => i.width));
  const h = Math.max(...images.map((i) => i.height));
  const gap = 12;
  const label = 16;
  const rows = Math.ceil(images.length / columns);
  const sheet = createCanvas(gap + columns * (w + gap), gap + rows * (h + gap + label));
  const ctx = sheet.getContext('2d');
  ctx.fillStyle = '#d9dde3';
  ctx.fillRect(0, 0, sheet.width, sheet.height);
  images.forEach((img, i) => {
    const x = gap + (i % columns) * (w + gap);
    const y = gap + Math.floor(i / columns) * (h + gap + label);
    ctx.drawImage(img, x, y);
    ctx.strokeStyle = '#9aa3ad';
    ctx.strokeRect(x - 0.5, y - 0.5, img.width + 1, img.height + 1);
    ctx.fillStyle = '#333';
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(String(i + 1), x + img.width / 2, y + h + 12);
  });
  return new Uint8Array(await sheet.encode('png'));
}
